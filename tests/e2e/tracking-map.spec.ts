import { expect, test } from './fixtures';

// A report's public page shows where it is on a small map that asks nothing of the reader, tiles or no tiles.
test('the tracking page shows the report’s place on a still map, with the tiles blocked', async ({
  page,
  request,
  blockedRequests,
}) => {
  const features = (await (await request.get('/api/reports')).json()).features as { properties: { reference: string } }[];
  // The oldest on the map: a demo report placed by its pin (the newest may be one another test placed by commune and
  // address, which has no map).
  const reference = features.at(-1)!.properties.reference;
  await page.goto(`/suivi/${reference}`);
  const picture = page.getByRole('img', { name: /^Plan du lieu du signalement, / });
  await expect(picture).toBeVisible();
  await expect(picture.locator('.leaflet-marker-icon')).toBeVisible();
  // Nothing to reach with the keyboard inside, nothing to drag.
  await expect(picture.locator('[tabindex="0"]')).toHaveCount(0);
  await expect(picture.locator('.leaflet-grab')).toHaveCount(0);
  await expect.poll(() => blockedRequests.some((url) => /\/17\/\d+\/\d+\.png/.test(url))).toBe(true);
});
