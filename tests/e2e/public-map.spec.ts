import type { Page } from '@playwright/test';
import type { PublicMapAnswer } from '@/lib/reports/listing-input';
import { gridCell, type ClusterFeature } from '@/lib/reports/map-grid';
import { expect, test } from './fixtures';

// The e2e server seeds ~360 demo reports (deterministic places and states), about 190 of them open.

const summary = (page: Page) => page.getByText(/^(\d[\d\s]* signalements? affichés?|Aucun signalement affiché)$/);
// The count comes once the map has drawn and asked for its view: allow for a slow machine loading Leaflet.
const isShown = (page: Page) => expect(summary(page)).toBeVisible({ timeout: 30_000 });
const shownCount = async (page: Page) => Number(((await summary(page).textContent()) ?? '').replace(/\D/g, '') || 0);

test.describe('the public map of reports', () => {
  test('draws the open reports as clusters and markers over the communes', async ({ page }) => {
    await page.goto('/');
    await isShown(page);
    expect(await shownCount(page)).toBeGreaterThan(50);
    await expect(page.getByRole('button', { name: /^Groupe de \d+ signalements/ }).first()).toBeVisible();
    await expect(page.locator('.leaflet-overlay-pane path.leaflet-interactive')).toHaveCount(21);
    await expect(page.getByRole('group', { name: 'Catégories affichées' }).getByRole('checkbox')).toHaveCount(10);
  });

  test('shows fewer reports when a category is unticked, and all again with « Tout afficher »', async ({ page }) => {
    await page.goto('/');
    await isShown(page);
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
    await isShown(page);
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

  test('zooms from the Métropole into a cluster until a report that was inside it shows alone', async ({ page, request }) => {
    const answers: { zoom: number; bbox: number[]; body: PublicMapAnswer }[] = [];
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (url.pathname !== '/api/reports' || !url.searchParams.has('zoom')) return;
      const body = (await response.json()) as PublicMapAnswer;
      answers.push({
        zoom: Number(url.searchParams.get('zoom')),
        bbox: url.searchParams.get('bbox')!.split(',').map(Number),
        body,
      });
    });
    await page.goto('/');
    await isShown(page);
    await expect.poll(() => answers.length).toBeGreaterThan(0);
    const isCluster = (f: PublicMapAnswer['features'][number]): f is ClusterFeature => 'cluster' in f.properties;
    const sameCell = (zoom: number, a: number[], b: number[]) => {
      const cell = gridCell(zoom);
      return (
        Math.floor(a[0]! / cell.lon) === Math.floor(b[0]! / cell.lon) &&
        Math.floor(a[1]! / cell.lat) === Math.floor(b[1]! / cell.lat)
      );
    };

    // The biggest cluster of the first view, and one report of its cell, asked one by one (zoom 18) over its box.
    const first = answers.at(-1)!;
    const cluster = first.body.features.filter(isCluster).sort((a, b) => b.properties.count - a.properties.count)[0]!;
    const inBox = (await (
      await request.get(`/api/reports?zoom=18&bbox=${cluster.properties.bbox.join(',')}`)
    ).json()) as PublicMapAnswer;
    const target = inBox.features.find(
      (f) => !isCluster(f) && sameCell(first.zoom, f.geometry.coordinates, cluster.geometry.coordinates),
    )!;
    expect(target, 'a report of the cluster’s cell').toBeDefined();
    const reference = (target.properties as { reference: string }).reference;

    // Into the cluster that holds it, view after view, from the keyboard (Enter presses a cluster): the map adds the
    // answer's clusters in its order, so the n-th cluster icon is the answer's n-th cluster.
    for (let step = 0; step < 10; step++) {
      const { zoom, body } = answers.at(-1)!;
      if (body.features.some((f) => !isCluster(f) && f.properties.reference === reference)) break;
      const clusters = body.features.filter(isCluster);
      const holder = clusters.find((f) => sameCell(zoom, f.geometry.coordinates, target.geometry.coordinates));
      expect(holder, `a cluster holds ${reference} at zoom ${zoom}`).toBeDefined();
      const icons = page.locator('.report-cluster');
      await expect(icons).toHaveCount(clusters.length);
      const count = answers.length;
      await icons.nth(clusters.indexOf(holder!)).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => answers.length).toBeGreaterThan(count);
      await expect.poll(() => answers.at(-1)!.zoom).toBeGreaterThan(zoom);
    }

    // Alone at last: its marker's popup names it.
    const { categoryName, state, commune } = target.properties as { categoryName: string; state: string; commune: string };
    const markers = page.getByRole('button', { name: `${categoryName}, ${state.toLowerCase()}, ${commune}` });
    await expect(markers.first()).toBeVisible();
    const popup = page.locator('.leaflet-popup');
    let isFound = false;
    for (let i = 0; i < (await markers.count()) && !isFound; i++) {
      await markers.nth(i).focus();
      await page.keyboard.press('Enter');
      isFound = ((await popup.textContent()) ?? '').includes(reference);
      await page.keyboard.press('Escape');
    }
    expect(isFound, `${reference}'s marker`).toBe(true);
  });

  test('links to the list view and back', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Voir la liste des signalements' }).click();
    await expect(page).toHaveURL(/\/signalements/);
    await expect(page.getByRole('heading', { level: 1, name: 'Liste des signalements' })).toBeVisible();
    await page.getByRole('link', { name: 'Retour à la carte' }).click();
    await isShown(page);
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
