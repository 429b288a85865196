import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

// The key figures: the public page of a year (the demo's 2017 reproduces the seed's published figures: 3,021 reports,
// 976 calls, 2,045 web forms) and the staff dashboard, whose lists of reports and CSV export stay within what each
// person may read. On the e2e server's demo data; nothing here changes a report, but other specs may: each test reads
// the references and counts the page shows instead of expecting given ones.

// Signing in (argon2) and the dashboard's queries on a 2-core machine that may also be building: give them room.
test.describe.configure({ timeout: 90_000 });

/** axe-core on the page as it is, as the other specs run it; the violations are printed when there are any. */
async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary })),
  }));
  expect(violations, JSON.stringify(summary, null, 2)).toEqual([]);
}

/** A whole number as the pages write it in French (« 3 021 », with a narrow no-break space). */
const toNumber = (text: string | null) => {
  const digits = (text ?? '').replace(/[\s\u202f\u00a0]/g, '');
  expect(digits, `« ${text} » is a whole number`).toMatch(/^\d+$/);
  return Number(digits);
};

/** The value of a key figure tile, found by its label. */
function tile(page: Page, label: string): Locator {
  return page
    .getByRole('main')
    .locator('dl > div')
    .filter({ has: page.getByRole('term').filter({ hasText: label }) })
    .getByRole('definition');
}

/** The rows of a figure table: its row headings and the « Signalements » count of each. */
async function tableCounts(table: Locator): Promise<Map<string, number>> {
  const rows = table.getByRole('row').filter({ has: table.page().getByRole('rowheader') });
  const counts = new Map<string, number>();
  for (const row of await rows.all())
    counts.set(
      (await row.getByRole('rowheader').textContent())!.trim(),
      toNumber(await row.getByRole('cell').first().textContent()),
    );
  return counts;
}

const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** The texts of one column of a table's body, found by its heading. */
async function columnTexts(table: Locator, heading: string): Promise<string[]> {
  const headings = (await table.getByRole('columnheader').allTextContents()).map((text) => text.trim());
  const index = headings.indexOf(heading);
  expect(index, `the table has a « ${heading} » column (${headings.join(', ')})`).toBeGreaterThanOrEqual(0);
  return table
    .locator('tbody > tr')
    .evaluateAll((rows, i) => rows.map((row) => row.children[i]?.textContent?.trim() ?? ''), index);
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks), without the BOM. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted && char === '"' && body[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += char;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && body[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** The dashboard's CSV export of the view on screen, fetched with the page's session: its headings and records. */
async function exportedCsv(page: Page): Promise<{ headings: string[]; rows: Record<string, string>[] }> {
  const link = page.getByRole('link', { name: 'Exporter les signalements de cette vue (CSV)' });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/gestion\/tableau-de-bord\/export\?/);
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const [headings, ...records] = parseCsv(await response.text());
  expect(headings, 'the export has a heading line').toBeDefined();
  for (const record of records) expect(record).toHaveLength(headings!.length);
  return { headings: headings!, rows: records.map((record) => Object.fromEntries(headings!.map((h, i) => [h, record[i]!]))) };
}

const CONTACT_HEADINGS = ['Nom de l’usager', 'Courriel de l’usager', 'Téléphone de l’usager', 'Adresse postale de l’usager'];

async function openDashboard(page: Page) {
  await page.getByRole('navigation', { name: 'Espace agents' }).getByRole('link', { name: 'Tableau de bord' }).click();
  await expect(page).toHaveURL(/\/gestion\/tableau-de-bord$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
}

const polePerformance = (page: Page) =>
  page.getByRole('region', { name: 'Respect des délais, pôle par pôle' }).getByRole('table');
const overdueTable = (page: Page) =>
  page
    .getByRole('region', { name: /^En retard aujourd’hui/ })
    .getByRole('table', { name: 'Signalements en retard, le plus ancien d’abord' });

/**
 * The export is read a moment after the page: other specs running alongside may file a report in the same pôle
 * meanwhile, so the export may hold a few more rows than the page counted, never fewer.
 */
function expectRowCount(exported: number, counted: number) {
  expect(exported).toBeGreaterThanOrEqual(counted);
  expect(exported).toBeLessThanOrEqual(counted + 5);
}

test.describe('Chiffres clés, the public page', () => {
  test('the header link « Chiffres clés » opens the current year’s figures', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Chiffres clés' }).click();
    await expect(page).toHaveURL(/\/chiffres-cles$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Chiffres clés' })).toBeVisible();
    const year = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date());
    await expect(page.getByLabel('Année')).toHaveValue(year);
    await expect(page.getByRole('main')).toContainText(`Les signalements de la Métropole depuis le 1er janvier ${year}.`);
    // The demo's recent reports: the current year is not empty, and its channels add up to its total.
    const total = toNumber(await tile(page, 'signalements enregistrés').textContent());
    expect(total).toBeGreaterThan(0);
    expect(sum(await tableCounts(page.getByRole('table', { name: 'Par canal' })))).toBe(total);
  });

  test('choosing 2017 in « Année » and « Afficher » shows the year 2017', async ({ page }) => {
    await page.goto('/chiffres-cles');
    await page.getByLabel('Année').selectOption('2017');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await expect(page).toHaveURL(/\/chiffres-cles\?annee=2017$/);
    await expect(page.getByLabel('Année')).toHaveValue('2017');
    await expect(page.getByRole('main')).toContainText('Les signalements de la Métropole en 2017.');
    await expect(tile(page, 'signalements enregistrés')).toHaveText(/^3\s?021$/);
  });

  test('2017 gives the published figures, every chart and every table, with no axe violation', async ({ page }) => {
    await page.goto('/chiffres-cles?annee=2017');
    await expect(page.getByRole('heading', { level: 1, name: 'Chiffres clés' })).toBeVisible();
    await expect(tile(page, 'signalements enregistrés')).toHaveText(/^3\s?021$/);
    await expect(tile(page, 'appels au numéro vert')).toHaveText(/^976$/);
    await expect(tile(page, 'formulaires en ligne')).toHaveText(/^2\s?045$/);

    // The charts: months as columns, channels / pôles / categories as bars, the 21 communes as a map.
    const months = page.getByRole('img', { name: /^Signalements par mois : graphique en colonnes/ });
    await expect(months).toBeVisible();
    await expect(months.locator('rect')).toHaveCount(12);
    for (const title of ['Par canal', 'Par pôle de proximité', 'Par catégorie'])
      await expect(
        page.getByRole('img', { name: `${title} : graphique en barres, détaillé dans le tableau qui suit` }),
      ).toBeVisible();
    const map = page.getByRole('img', { name: /^Par commune : carte des 21 communes/ });
    await expect(map).toBeVisible();
    await expect(map.locator('path')).toHaveCount(21);

    // The tables: the channels as published, and every breakdown adding up to the year's 3,021.
    const channels = await tableCounts(page.getByRole('table', { name: 'Par canal' }));
    expect(channels.get('téléphone')).toBe(976);
    expect(channels.get('site web')).toBe(2045);
    expect(sum(channels)).toBe(3021);
    const poles = await tableCounts(page.getByRole('table', { name: 'Par pôle de proximité' }));
    expect(poles.size).toBe(7);
    expect(sum(poles)).toBe(3021);
    expect(sum(await tableCounts(page.getByRole('table', { name: 'Par catégorie' })))).toBe(3021);
    // The month and commune tables sit in a disclosure under their chart.
    await page.getByText('Voir le tableau par mois').click();
    const byMonth = await tableCounts(page.getByRole('table', { name: 'Signalements par mois' }));
    expect(byMonth.size).toBe(12);
    expect(sum(byMonth)).toBe(3021);
    await page.getByText('Voir le tableau par commune').click();
    const byCommune = await tableCounts(page.getByRole('table', { name: 'Par commune' }));
    expect(byCommune.size).toBe(21);
    expect(sum(byCommune)).toBe(3021);

    await expectNoAxeViolations(page);
  });
});

test.describe('Tableau de bord', () => {
  test('an elected official filters on a pôle: that pôle only, no axe violation, an export without contact data', async ({
    page,
  }) => {
    await signIn(page, 'elu');
    await openDashboard(page);
    // The whole Métropole by default: seven pôles. Take one with reports overdue now, as the page counts them.
    await expect(page.getByLabel('Pôle', { exact: true })).toHaveValue('tous');
    const everyPole = polePerformance(page);
    const names = await columnTexts(everyPole, 'Pôle');
    expect(names).toHaveLength(7);
    const overdueCounts = (await columnTexts(everyPole, 'En retard aujourd’hui')).map(toNumber);
    const chosen = names.find((_, i) => overdueCounts[i]! > 0);
    expect(chosen, 'a pôle has reports overdue today').toBeDefined();

    const filters = page.getByRole('form', { name: 'Filtres du tableau de bord' });
    await filters.getByLabel('Pôle', { exact: true }).selectOption({ label: chosen! });
    await filters.getByRole('button', { name: 'Afficher' }).click();
    await expect(page).toHaveURL(/[?&]pole=[a-z-]+(&|$)/);
    await expect(page.getByLabel('Pôle', { exact: true }).locator('option:checked')).toHaveText(chosen!);

    const table = polePerformance(page);
    await expect(table.getByRole('rowheader')).toHaveText([chosen!]);
    const overdue = toNumber((await columnTexts(table, 'En retard aujourd’hui'))[0]!);
    const listed = await columnTexts(overdueTable(page), 'Pôle');
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed)).toEqual(new Set([chosen]));
    // The list holds every overdue report of the pôle, up to its limit of 50.
    expect(listed.length).toBe(Math.min(overdue, 50));
    // The key figures below follow the filter too: the one pôle holds all the view's reports.
    const total = toNumber(await tile(page, 'signalements enregistrés').textContent());
    expect((await tableCounts(page.getByRole('table', { name: 'Par pôle de proximité' }))).get(chosen!)).toBe(total);

    await expectNoAxeViolations(page);

    // An elected official may not read contact data: not in the export either, which keeps to the view (the pôle's
    // reports of the period, as the per-pôle table counts them uncached).
    const recorded = toNumber((await columnTexts(table, 'Enregistrés'))[0]!);
    const csv = await exportedCsv(page);
    expect(csv.headings).toContain('Référence');
    for (const heading of CONTACT_HEADINGS) expect(csv.headings).not.toContain(heading);
    expectRowCount(csv.rows.length, recorded);
    expect(new Set(csv.rows.map((row) => row['Pôle']))).toEqual(new Set(recorded > 0 ? [chosen] : []));
  });

  test('a pôle manager starts on their pôle, sees only its overdue reports and exports them with contact data', async ({
    page,
  }) => {
    const NORD = 'Pôle de proximité Nord';
    await signIn(page, 'pole.nord');
    await openDashboard(page);
    const pole = page.getByLabel('Pôle', { exact: true });
    await expect(pole).toHaveValue('nord');
    await expect(pole.locator('option:checked')).toHaveText(NORD);
    await expect(polePerformance(page).getByRole('rowheader')).toHaveText([NORD]);

    const overdue = overdueTable(page);
    const listed = await columnTexts(overdue, 'Pôle');
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed)).toEqual(new Set([NORD]));

    // Each reference links to the report's staff page, which opens for this manager.
    const links = overdue.getByRole('link', { name: /^PC-\d{4}-\d{6}$/ });
    await expect(links).toHaveCount(listed.length);
    const references = await links.allTextContents();
    for (const [i, reference] of references.entries()) {
      await expect(links.nth(i)).toHaveAttribute('href', `/gestion/signalements/${reference}`);
      const response = await page.request.get(`/gestion/signalements/${reference}`);
      expect(response.status(), reference).toBe(200);
      expect(await response.text()).toContain(`Signalement ${reference}`);
    }

    // The export of their view: contact headings, their pôle's reports only.
    const csv = await exportedCsv(page);
    for (const heading of CONTACT_HEADINGS) expect(csv.headings).toContain(heading);
    expectRowCount(csv.rows.length, toNumber((await columnTexts(polePerformance(page), 'Enregistrés'))[0]!));
    expect(new Set(csv.rows.map((row) => row['Pôle']))).toEqual(new Set([NORD]));
    expect(csv.rows.some((row) => row['Courriel de l’usager'] || row['Téléphone de l’usager'])).toBe(true);

    await links.first().click();
    await expect(page).toHaveURL(`/gestion/signalements/${references[0]}`);
    await expect(page.getByRole('heading', { level: 1, name: `Signalement ${references[0]}` })).toBeVisible();
  });

  test('a pôle manager who widens the view to the Métropole still lists and exports only their pôle’s reports', async ({
    page,
  }) => {
    const NORD = 'Pôle de proximité Nord';
    await signIn(page, 'pole.nord');
    await openDashboard(page);
    const filters = page.getByRole('form', { name: 'Filtres du tableau de bord' });
    await filters.getByLabel('Pôle', { exact: true }).selectOption({ label: 'Toute la Métropole' });
    await filters.getByRole('button', { name: 'Afficher' }).click();
    await expect(page).toHaveURL(/[?&]pole=tous(&|$)/);

    // The figures are public-grade: every pôle. The lists of reports and people are not.
    await expect(polePerformance(page).getByRole('rowheader')).toHaveCount(7);
    expect(new Set(await columnTexts(overdueTable(page), 'Pôle'))).toEqual(new Set([NORD]));
    const csv = await exportedCsv(page);
    expect(csv.rows.length).toBeGreaterThan(0);
    expect(new Set(csv.rows.map((row) => row['Pôle']))).toEqual(new Set([NORD]));
  });
});
