import { expect, test } from './fixtures';

// On a phone the list of reports fits the screen: each report a card showing its state and date, nothing sideways.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('/signalements shows each report’s state and date on a 390 px phone without sideways scrolling', async ({ page }) => {
  // 50 cards checked one by one on a busy 2-core machine.
  test.setTimeout(90_000);
  await page.goto('/signalements?state=all');
  const list = page.getByRole('list', { name: /^Signalements .+ au total, les plus récents d’abord$/ });
  await expect(list).toBeVisible();
  await expect(page.locator('table')).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  const cards = list.getByRole('listitem');
  expect(await cards.count()).toBeGreaterThan(1);
  for (const card of await cards.all()) {
    const terms = await card.getByRole('term').allTextContents();
    expect(terms).toEqual(['Catégorie', 'Commune', 'Pôle', 'État', 'Date']);
    const [state, date] = [card.getByRole('definition').nth(3), card.getByRole('definition').nth(4)];
    await expect(state).toHaveText(/\S/);
    await expect(date).toHaveText(/^\d{1,2} \S+ \d{4}$/);
    // Inside the screen, not cut off on the right.
    for (const cell of [state, date]) {
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
  }
});
