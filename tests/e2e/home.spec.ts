import { existingReference, expect, test } from './fixtures';

test.describe('the territory map', () => {
  test('shows the 21 communes and the legend of the 7 pôles with tiles blocked', async ({ page, blockedRequests }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/Proxim'Cité/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

    const communes = page.locator('.leaflet-overlay-pane path.leaflet-interactive');
    await expect(communes).toHaveCount(21);
    await expect(page.getByRole('img', { name: 'Clermont-Ferrand, Pôle de proximité Centre' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Royat, Pôle de proximité Ouest' })).toBeVisible();

    const legend = page.getByRole('region', { name: 'Les 7 pôles de proximité' });
    await expect(legend.getByRole('listitem')).toHaveCount(7);
    await expect(legend).toContainText('Aulnat, Lempdes, Pont-du-Château');
    await expect(page.getByRole('contentinfo')).toContainText('Licence Ouverte');
    await expect(page.locator('.leaflet-control-attribution')).toContainText('IGN');
    expect(blockedRequests.some((url) => url.includes('tile'))).toBe(true);
  });

  test('names a commune when its shape gets the keyboard focus', async ({ page }) => {
    await page.goto('/');
    const royat = page.getByRole('img', { name: 'Royat, Pôle de proximité Ouest' });
    await royat.focus();
    await expect(page.locator('.leaflet-tooltip')).toContainText('Royat');
  });

  test('offers a skip link to the content as the first tab stop', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    await expect(skip).toBeFocused();
    await skip.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });
});

test('GET /api/health answers ok', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: expect.stringMatching(/^(pglite|postgres)$/) });
});

test('an unknown report, or a wrong private link, gets a French « Page introuvable » with a way back', async ({
  page,
  request,
}) => {
  const wrongLink = `/suivi/${await existingReference(request)}/acces/faux-jeton`;
  for (const path of ['/suivi/PC-2026-999999', wrongLink, '/nimporte-quoi']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Suivre un signalement' }).last()).toBeVisible();
  }
});
