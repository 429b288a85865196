import { expect, test } from './fixtures';

// On a phone-sized screen every page fits its width (no sideways scrolling of the page itself), and a full-page
// screenshot of each is attached to the run for a person to look at (test-results/, or the HTML report).
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const [path, heading] of [
  ['/', /Carte des signalements/],
  ['/signaler', /Signaler un problème sur l’espace public/],
  ['/signalements', /Liste des signalements/],
  ['/suivi', /Suivre un signalement/],
] as const) {
  test(`${path} fits a 390 px wide phone screen`, async ({ page }, testInfo) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeAttached();
    await expect(page.locator('.leaflet-container').first()).toBeVisible({ visible: path === '/' || path === '/signaler' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await testInfo.attach(`phone ${path}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  });
}
