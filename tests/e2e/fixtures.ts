import { test as base, expect } from '@playwright/test';

// The outside world is out of reach in tests: every request that leaves localhost (map tiles above all)
// gets a transparent pixel, so the map must stay usable without its background.
const TRANSPARENT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==',
  'base64',
);

export const test = base.extend<{ blockedRequests: string[] }>({
  blockedRequests: [
    async ({ context }, use) => {
      const blocked: string[] = [];
      await context.route(
        (url) => url.hostname !== 'localhost',
        (route) => {
          blocked.push(route.request().url());
          return route.fulfill({ status: 200, contentType: 'image/png', body: TRANSPARENT_PNG });
        },
      );
      await use(blocked);
    },
    { auto: true },
  ],
});

export { expect };
