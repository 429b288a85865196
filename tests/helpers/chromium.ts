import { existsSync } from 'node:fs';

// Chromium for the browser tests and benchmarks: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's
// own browser. Without the background-networking flags it keeps calling home, which a closed network refuses.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
