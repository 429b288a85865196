import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';

// The outside world is out of reach in tests: every request that leaves localhost (map tiles above all)
// gets a transparent pixel, so the map must stay usable without its background.
const TRANSPARENT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==',
  'base64',
);

/** Answers every request that leaves localhost with a transparent pixel; returns the list of what was blocked. */
export async function blockOutsideRequests(context: BrowserContext): Promise<string[]> {
  const blocked: string[] = [];
  await context.route(
    (url) => url.hostname !== 'localhost',
    (route) => {
      blocked.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: TRANSPARENT_PNG });
    },
  );
  return blocked;
}

export const test = base.extend<{ blockedRequests: string[] }>({
  blockedRequests: [
    async ({ context }, use) => {
      await use(await blockOutsideRequests(context));
    },
    { auto: true },
  ],
});

/** A reference the public data holds (a demo report): never a guessed one, whose number and year the data may lack. */
export async function existingReference(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/reports');
  expect(response.ok()).toBe(true);
  const [first] = (await response.json()).features as { properties: { reference: string } }[];
  expect(first, 'the public map lists at least one report').toBeDefined();
  return first!.properties.reference;
}

// The demo's staff accounts (lib/demo/accounts.ts), all with the demo password.
export const DEMO_PASSWORD = 'proximcite-demo';
export const staffEmail = (login: string) => `${login}@demo.proximcite.fr`;

/** Signs in through the sign-in page, as a person would, and waits for the inbox. */
export async function signIn(page: Page, login: string) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail professionnelle').fill(staffEmail(login));
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // Argon2 and a cold server page under a full parallel run on 2 cores: seen taking more than the default 5 s.
  await expect(page).toHaveURL(/\/gestion$/, { timeout: 15_000 });
}

/** A second person in the same test: a browser context of their own (outside requests blocked too), signed in. */
export async function signedInPage(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'fr-FR' });
  await blockOutsideRequests(context);
  const page = await context.newPage();
  await signIn(page, login);
  return page;
}

export { expect };
