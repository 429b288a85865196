import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The e2e server seeds ~360 demo reports (deterministic places and states), about 190 of them open.

const summary = (page: Page) => page.getByText(/^(\d[\d\s]* signalements? affichés?|Aucun signalement affiché)$/);
const shownCount = async (page: Page) => Number(((await summary(page).textContent()) ?? '').replace(/\D/g, '') || 0);

test.describe('the public map of reports', () => {
  test('draws the open reports as clusters and markers over the communes', async ({ page }) => {
    await page.goto('/');
    await expect(summary(page)).toBeVisible();
    expect(await shownCount(page)).toBeGreaterThan(50);
    await expect(page.getByRole('button', { name: /^Groupe de \d+ signalements/ }).first()).toBeVisible();
    await expect(page.locator('.leaflet-overlay-pane path.leaflet-interactive')).toHaveCount(21);
    await expect(page.getByRole('group', { name: 'Catégories affichées' }).getByRole('checkbox')).toHaveCount(10);
  });

  test('shows fewer reports when a category is unticked, and all again with « Tout afficher »', async ({ page }) => {
    await page.goto('/');
    await expect(summary(page)).toBeVisible();
    const all = await shownCount(page);

    await page.getByRole('checkbox', { name: 'Voirie dégradée' }).uncheck();
    await expect.poll(() => shownCount(page)).toBeLessThan(all);

    await page.getByRole('button', { name: 'Tout masquer' }).click();
    await expect(page.getByText('Aucun signalement affiché')).toBeVisible();

    // At least as many: another spec may file a report meanwhile.
    await page.getByRole('button', { name: 'Tout afficher' }).click();
    await expect.poll(() => shownCount(page)).toBeGreaterThanOrEqual(all);
  });

  test('keeps one commune and opens a popup linking to the report', async ({ page }) => {
    await page.goto('/');
    await expect(summary(page)).toBeVisible();
    const all = await shownCount(page);

    await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Royat' });
    await expect.poll(() => shownCount(page)).toBeLessThan(all);
    expect(await shownCount(page)).toBeGreaterThan(0);

    // Each marker is a button named « catégorie, état, commune »; zoom into a cluster until one shows.
    // Markers and clusters are driven from the keyboard: no risk of clicking a neighbour that overlaps.
    const markers = page.getByRole('button', { name: /, Royat$/ });
    await expect(async () => {
      if ((await markers.count()) === 0) {
        await page
          .getByRole('button', { name: /^Groupe de/ })
          .first()
          .focus();
        await page.keyboard.press('Enter');
      }
      await expect(markers.first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });

    await markers.first().focus();
    await page.keyboard.press('Enter');
    const popup = page.locator('.leaflet-popup');
    await expect(popup).toContainText('Royat');
    await expect(popup).toContainText(/PC-\d{4}-\d{6}/);
    const link = popup.getByRole('link', { name: 'Voir le signalement' });
    await expect(link).toHaveAttribute('href', /^\/suivi\/PC-\d{4}-\d{6}$/);
    await expect(link).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(popup).toHaveCount(0);
    await expect(markers.first()).toBeFocused();
  });

  test('links to the list view and back', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Voir la liste des signalements' }).click();
    await expect(page).toHaveURL(/\/signalements/);
    await expect(page.getByRole('heading', { level: 1, name: 'Liste des signalements' })).toBeVisible();
    await page.getByRole('link', { name: 'Retour à la carte' }).click();
    await expect(summary(page)).toBeVisible();
  });
});

test.describe('the list of reports', () => {
  test('shows 50 reports per page in a table, with pagination', async ({ page }) => {
    await page.goto('/signalements');
    const table = page.getByRole('table', { name: /Signalements en cours/ });
    await expect(table.getByRole('columnheader')).toHaveText(['Référence', 'Catégorie', 'Commune', 'Pôle', 'État', 'Date']);
    await expect(table.locator('tbody').getByRole('row')).toHaveCount(50);
    await expect(table.getByRole('link').first()).toHaveAttribute('href', /^\/suivi\/PC-\d{4}-\d{6}$/);
    await expect(table).toHaveAccessibleName(/au total, les plus récents d’abord$/);
    await expect(page.getByRole('link', { name: 'Revenir au début' })).toHaveCount(0);

    const firstReference = await table.getByRole('link').first().textContent();
    const lastReference = await table.getByRole('link').last().textContent();
    await page.getByRole('link', { name: 'Page suivante' }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]after=${lastReference}`));
    await expect(table).toHaveAccessibleName(/au total, suite de la liste$/);
    await expect(table.getByRole('link').first()).not.toHaveText(firstReference ?? '');
    await page.getByRole('link', { name: 'Revenir au début' }).click();
    await expect(table.getByRole('link').first()).toHaveText(firstReference ?? '');
  });

  test('opens an old numbered page at the start, saying why', async ({ page }) => {
    await page.goto('/signalements?page=4');
    await expect(page.getByRole('status')).toContainText('Les pages ne sont plus numérotées');
    await expect(page.getByRole('table', { name: /les plus récents d’abord$/ })).toBeVisible();
  });

  test('filters by commune with the form', async ({ page }) => {
    await page.goto('/signalements');
    await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Royat' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/[?&]commune=63308/);

    const rows = page
      .getByRole('table', { name: /Signalements en cours/ })
      .locator('tbody')
      .getByRole('row');
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    expect(count).toBeLessThan(50);
    await expect(rows.getByRole('cell', { name: 'Royat', exact: true })).toHaveCount(count);
    await expect(page.getByRole('link', { name: 'Page suivante' })).toHaveCount(0);
    await expect(page.getByLabel('Commune', { exact: true })).toHaveValue('63308');
  });
});
