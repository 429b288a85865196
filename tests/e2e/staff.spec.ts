import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page, Response } from '@playwright/test';
import { gridCell, type ClusterFeature } from '@/lib/reports/map-grid';
import type { InboxMapAnswer } from '@/lib/staff/inbox-map';
import { existingReference, expect, signedInPage, signIn, test } from './fixtures';

// The staff workspace in a browser, on the e2e server's demo data (~360 reports, about 40 of them in the pôle Nord).
// Tests run in parallel on one server and some change reports: each one takes its own report, picked by a query whose
// order the others cannot disturb (oldest first: new reports only ever land at the end) and a row index of its own.

// Each test signs in (one to three people) on a 2-core machine that also builds: give them room.
test.describe.configure({ timeout: 90_000 });

const NORD_COMMUNES = ['Blanzat', 'Cébazat', 'Châteaugay', 'Gerzat'];
const IN_NORD = new RegExp(NORD_COMMUNES.join('|'));
const OPEN_STATES = 'nouveau|pris en compte|en cours de traitement|rouvert';
// A report marker's accessible name is its title: « catégorie, état, commune[, en retard] ».
const MARKER_NAME = new RegExp(`, (${OPEN_STATES}), [^,]+(, en retard)?$`);

type InboxMapFeature = InboxMapAnswer['features'][number];
type InboxMapPoint = Exclude<InboxMapFeature, ClusterFeature>;
const isCluster = (feature: InboxMapFeature): feature is ClusterFeature => 'cluster' in feature.properties;
/** Whether two points lie in one cell of the zoom's grid: the cluster that holds a report is the one of its cell. */
function sameCell(zoom: number, a: number[], b: number[]): boolean {
  const cell = gridCell(zoom);
  return (
    Math.floor(a[0]! / cell.lon) === Math.floor(b[0]! / cell.lon) && Math.floor(a[1]! / cell.lat) === Math.floor(b[1]! / cell.lat)
  );
}

const reportsTable = (page: Page) => page.getByRole('table', { name: 'Signalements correspondant aux filtres' });
const reportRows = (page: Page) => reportsTable(page).locator('tbody').getByRole('row');

/** The references of the inbox's first page for a query, as the signed-in person sees them. */
async function inboxReferences(page: Page, query: string): Promise<string[]> {
  await page.goto(`/gestion${query}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Signalements — / })).toBeVisible();
  return reportsTable(page)
    .getByRole('link', { name: /^PC-\d{4}-\d{6}$/ })
    .allTextContents();
}

/** The n-th report of a query; fails with a clear message when the demo data holds too few. */
async function pickReport(page: Page, query: string, index: number): Promise<string> {
  const references = await inboxReferences(page, query);
  expect(references.length, `the inbox ${query} needs at least ${index + 1} reports`).toBeGreaterThan(index);
  return references[index]!;
}

/** The staff page of a report, once its heading is there. */
async function openStaffReport(page: Page, reference: string) {
  await page.goto(`/gestion/signalements/${reference}`);
  await expect(page.getByRole('heading', { level: 1, name: `Signalement ${reference}` })).toBeVisible();
}

/** Every row of every page of the inbox for a query: the text of each row. */
/**
 * The rows of the first pages of a view (newest first), following « Page suivante ». Not every page: the demo's
 * archive year 2017 adds some 3,000 closed reports, and what these tests check (no report out of reach) shows on the
 * first pages as well as on the last, which hold the same kind of rows.
 */
async function firstRowTexts(page: Page, query: string, maxPages = 4): Promise<string[]> {
  await page.goto(`/gestion${query}`);
  const texts: string[] = [];
  for (let pages = 1; ; pages++) {
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    texts.push(...(await reportRows(page).allTextContents()));
    const next = page.getByRole('link', { name: 'Page suivante' });
    if (pages === maxPages || (await next.count()) === 0) return texts;
    await next.click();
    await expect(page.getByRole('link', { name: 'Revenir au début' })).toBeVisible();
  }
}

/** The open count of the inbox's state links (« En cours N »). */
async function openCount(page: Page): Promise<number> {
  const link = page
    .getByRole('navigation', { name: 'Nombre de signalements par état' })
    .getByRole('link', { name: /^En cours [\d\s]+$/ });
  return Number(((await link.textContent()) ?? '').replace(/\D/g, ''));
}

/** What the inbox map draws: the reports counted in its clusters and the names of its single markers. */
async function mapContent(map: Locator): Promise<{ total: number; markers: string[] }> {
  const clusters = await map.getByRole('button', { name: /^Groupe de [\d\s]+ signalements/ }).allTextContents();
  const inClusters = clusters.reduce(
    (sum, text) => sum + Number(/Groupe de ([\d\s]+) signalements/.exec(text)![1]!.replace(/\D/g, '')),
    0,
  );
  const markers = await map
    .getByRole('button', { name: MARKER_NAME })
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('title') ?? ''));
  return { total: inClusters + markers.length, markers };
}

/** axe-core on the page as it is; the violations are printed when there are any. `knownBugs`: rules left out. */
async function expectNoAxeViolations(page: Page, knownBugs: string[] = []) {
  const { violations } = await new AxeBuilder({ page }).disableRules(knownBugs).analyze();
  const summary = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary })),
  }));
  expect(violations, JSON.stringify(summary, null, 2)).toEqual([]);
}

test.describe('signing in', () => {
  test('sends a signed-out visitor of the inbox to the sign-in page', async ({ page }) => {
    await page.goto('/gestion');
    await expect(page).toHaveURL(/\/connexion(\?|$)/);
    await expect(page.getByRole('heading', { level: 1, name: 'Espace agents' })).toBeVisible();
  });

  test('sends a signed-out visitor of a staff report page to the sign-in page', async ({ page, request }) => {
    await page.goto(`/gestion/signalements/${await existingReference(request)}`);
    await expect(page).toHaveURL(/\/connexion(\?|$)/);
    await expect(page.getByLabel('Adresse e-mail professionnelle')).toBeVisible();
    await expect(page.getByText('Les coordonnées des usagers')).toHaveCount(0);
  });

  // The only wrong passwords of the whole e2e suite: 5, well under the 20 failures per address the server allows.
  test('suspends signing in to an address after 5 wrong passwords, with the French message', async ({ page }) => {
    const email = `inconnu-${Date.now()}@demo.proximcite.fr`;
    await page.goto('/connexion');
    const attempt = async () => {
      await page.getByLabel('Adresse e-mail professionnelle').fill(email);
      await page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
      await page.getByRole('button', { name: 'Se connecter' }).click();
    };
    for (let i = 1; i <= 5; i++) {
      await attempt();
      const refusal = page.getByRole('alert').filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' });
      await expect(refusal).toBeVisible();
      // The next attempt must not read this attempt's message: wait until the form is ready again.
      await expect(page.getByRole('button', { name: 'Se connecter' })).toBeEnabled();
    }
    await attempt();
    await expect(page.getByRole('alert').filter({ hasText: 'Trop de tentatives de connexion échouées' })).toBeVisible();
    await expect(page.getByText('Adresse e-mail ou mot de passe incorrect.')).toHaveCount(0);
    await expect(page).toHaveURL(/\/connexion/);
  });

  test('signs out to the sign-in page with « Vous êtes déconnecté. », and the inbox is closed again', async ({ page }) => {
    await signIn(page, 'agent');
    await expect(page.getByRole('banner')).toContainText('Inès Moreau');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/connexion\?deconnexion=1$/);
    await expect(page.getByRole('status')).toHaveText('Vous êtes déconnecté.');
    await expect(page.getByRole('button', { name: 'Se déconnecter' })).toHaveCount(0);
    await page.goto('/gestion');
    await expect(page).toHaveURL(/\/connexion(\?|$)/);
  });
});

test.describe('the Nord pôle manager', () => {
  test('sees only the reports of the pôle Nord, in the list and on the map', async ({ page }) => {
    // The map's answers for each view, as the server sent them (until the list's pages are visited below).
    const answers: { zoom: number; body: InboxMapAnswer }[] = [];
    const onAnswer = async (response: Response) => {
      const url = new URL(response.url());
      if (url.pathname !== '/gestion/carte' || !response.ok()) return;
      answers.push({ zoom: Number(url.searchParams.get('zoom')), body: (await response.json()) as InboxMapAnswer });
    };
    page.on('response', onAnswer);
    await signIn(page, 'pole.nord');
    await expect(page.getByRole('banner')).toContainText('Marc Aubert');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Signalements — Pôle de proximité Nord');
    // No pôle filter for a person who only sees one.
    await expect(page.getByLabel('Pôle', { exact: true })).toHaveCount(0);

    // The map of the whole territory: the same open reports as the list, in clusters and alone.
    const expected = await openCount(page);
    expect(expected).toBeGreaterThan(5);
    const map = page.getByRole('region', { name: 'Carte des signalements filtrés' });
    await expect.poll(async () => (await mapContent(map)).total).toBe(expected);
    const { markers } = await mapContent(map);
    for (const name of markers) expect(name).toMatch(new RegExp(`, (${NORD_COMMUNES.join('|')})(, en retard)?$`));
    await expect(map.getByRole('button', { name: /^Groupe de/ }).first()).toBeVisible();

    // The biggest cluster of that view, and one report of its cell, asked one by one (zoom 18) over its box.
    const first = answers.at(-1)!;
    const cluster = first.body.features.filter(isCluster).sort((a, b) => b.properties.count - a.properties.count)[0]!;
    const inBox = (await (
      await page.request.get(`/gestion/carte?zoom=18&bbox=${cluster.properties.bbox.join(',')}`)
    ).json()) as InboxMapAnswer;
    const target = inBox.features.find(
      (f): f is InboxMapPoint => !isCluster(f) && sameCell(first.zoom, f.geometry.coordinates, cluster.geometry.coordinates),
    )!;
    expect(target, 'a report of the cluster’s cell').toBeDefined();
    const { reference } = target.properties;

    // Into the cluster that holds it, view after view, from the keyboard (Enter presses a cluster): the map adds the
    // answer's clusters in its order, so the n-th cluster icon is the answer's n-th cluster.
    for (let step = 0; step < 10; step++) {
      const { zoom, body } = answers.at(-1)!;
      if (body.features.some((f) => !isCluster(f) && f.properties.reference === reference)) break;
      const clusters = body.features.filter(isCluster);
      const holder = clusters.find((f) => sameCell(zoom, f.geometry.coordinates, target.geometry.coordinates));
      expect(holder, `a cluster holds ${reference} at zoom ${zoom}`).toBeDefined();
      const icons = map.locator('.report-cluster');
      await expect(icons).toHaveCount(clusters.length);
      const count = answers.length;
      await icons.nth(clusters.indexOf(holder!)).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => answers.length).toBeGreaterThan(count);
      await expect.poll(() => answers.at(-1)!.zoom).toBeGreaterThan(zoom);
    }

    // Alone at last: its marker's popup names it, in a Nord commune, and links to its staff page.
    const { categoryName, state, commune, isOverdue } = target.properties;
    const name = `${categoryName}, ${state.toLowerCase()}, ${commune}${isOverdue ? ', en retard' : ''}`;
    const candidates = map.getByRole('button', { name, exact: true });
    await expect(candidates.first()).toBeVisible();
    const popup = page.locator('.leaflet-popup');
    let isFound = false;
    for (let i = 0; i < (await candidates.count()) && !isFound; i++) {
      await candidates.nth(i).focus();
      await page.keyboard.press('Enter');
      await expect(popup).toBeVisible();
      isFound = (await popup.locator('dd').nth(3).textContent()) === reference;
      if (!isFound) {
        await page.keyboard.press('Escape');
        await expect(popup).toHaveCount(0);
      }
    }
    expect(isFound, `${reference}'s marker`).toBe(true);
    await expect(popup.locator('dd').nth(1)).toHaveText(IN_NORD);
    await expect(popup.getByRole('link', { name: 'Voir le signalement' })).toHaveAttribute(
      'href',
      `/gestion/signalements/${reference}`,
    );

    // The list: every report of the first pages, closed ones included, lies in a Nord commune.
    page.off('response', onAnswer);
    const rows = await firstRowTexts(page, '?state=tous');
    expect(rows.length).toBeGreaterThan(expected);
    for (const row of rows) expect(row).toMatch(IN_NORD);
  });

  test('acknowledges a new report, then changes its severity, which recalculates the due date', async ({ page }) => {
    await signIn(page, 'pole.nord');
    const reference = await pickReport(page, '?state=new&sort=oldest', 0);
    await openStaffReport(page, reference);
    await expect(page.getByText('État : Nouveau', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Prendre en compte' }).click();
    // The page refreshes in place with the new state, and says what was done above the remaining commands.
    await expect(page.getByText('État : Pris en compte', { exact: true })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `${reference} : prendre en compte — c’est fait.` })).toBeVisible();
    await page.reload();
    await expect(page.getByText('État : Pris en compte', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Prendre en compte' })).toHaveCount(0);

    const severity = page.getByLabel('Gravité', { exact: true });
    const current = await severity.inputValue();
    const other = (await severity.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)))
      .filter((value) => value !== current)
      .at(0)!;
    await severity.selectOption(other);
    await page.getByRole('button', { name: 'Changer la gravité' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: `${reference} : gravité modifiée, échéance recalculée.` }),
    ).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Gravité', { exact: true })).toHaveValue(other);
  });

  test('resolves a report with the category’s prefilled answer, published without the manager’s name', async ({ page }) => {
    await signIn(page, 'pole.nord');
    // « En cours de traitement »: no other test moves a report into or out of that state.
    const reference = await pickReport(page, '?state=in_progress&sort=oldest', 0);
    await openStaffReport(page, reference);

    const resolve = page.getByRole('form', { name: 'Résoudre le signalement' });
    const solution = (await resolve.getByLabel('Solution apportée').inputValue()).trim();
    expect(solution.length, 'the category’s answer template prefills the solution').toBeGreaterThan(10);
    await resolve.getByRole('button', { name: 'Résoudre' }).click();
    await expect(page.getByText('État : Résolu', { exact: true })).toBeVisible();
    await page.reload();
    await expect(page.getByText('État : Résolu', { exact: true })).toBeVisible();

    await page.goto(`/suivi/${reference}`);
    await expect(page.getByRole('heading', { level: 1, name: `Signalement ${reference}` })).toBeVisible();
    await expect(page.getByText('État : Résolu', { exact: true })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(solution.replace(/\s+/g, ' ').slice(0, 60));
    await expect(page.getByRole('main')).toContainText('Pôle de proximité Nord');
    await expect(page.getByRole('main')).not.toContainText('Marc Aubert');
  });
});

test('refuses a second, concurrent acknowledgement and names who changed the report first', async ({ browser }) => {
  const manager = await signedInPage(browser, 'pole.nord');
  const admin = await signedInPage(browser, 'admin');
  const reference = await pickReport(manager, '?state=new&sort=oldest', 1);
  await openStaffReport(manager, reference);
  await openStaffReport(admin, reference);

  await manager.getByRole('button', { name: 'Prendre en compte' }).click();
  await expect(manager.getByText('État : Pris en compte', { exact: true })).toBeVisible();

  // The administrator's page still shows the version it read: the same button, now too late.
  await admin.getByRole('button', { name: 'Prendre en compte' }).click();
  const refusal = admin.getByRole('form', { name: 'Prendre en compte' }).getByRole('alert');
  await expect(refusal).toContainText('Rien n’a été enregistré');
  await expect(refusal).toContainText('modifié par Marc Aubert');
  await expect(refusal).toContainText('« Pris en compte »');
  await admin.reload();
  await expect(admin.getByText('État : Pris en compte', { exact: true })).toBeVisible();

  await manager.context().close();
  await admin.context().close();
});

test.describe('read-only and local roles', () => {
  test('the elected member sees every pôle’s inbox, and a report without contact data or any command', async ({ page }) => {
    await signIn(page, 'elu');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Signalements — toute la Métropole');
    const poles = await page
      .getByLabel('Pôle', { exact: true })
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(poles).toHaveLength(7);
    for (const pole of poles) {
      const references = await inboxReferences(page, `?pole=${pole}&state=tous`);
      expect(references.length, `reports of the pôle ${pole}`).toBeGreaterThan(0);
    }
    // Nothing to select: the elected member acts on no report.
    await expect(page.getByRole('checkbox', { name: /^Sélectionner / })).toHaveCount(0);

    const reference = await pickReport(page, '?state=new&sort=oldest', 0);
    await openStaffReport(page, reference);
    await expect(page.getByText('Les coordonnées des usagers ne sont pas visibles avec votre rôle.')).toBeVisible();
    await expect(page.getByText(/@example\.org/)).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Traiter' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Prendre en compte' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Résoudre' })).toHaveCount(0);
  });

  test('the Cournon town-hall agent sees only Cournon-d’Auvergne reports', async ({ page }) => {
    await signIn(page, 'accueil.cournon');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Signalements — votre commune et vos saisies');
    const rows = await firstRowTexts(page, '?state=tous');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('Cournon-d');
    const map = page.getByRole('region', { name: 'Carte des signalements filtrés' });
    await page.goto('/gestion');
    const expected = await openCount(page);
    await expect.poll(async () => (await mapContent(map)).total).toBe(expected);
    for (const name of (await mapContent(map)).markers) expect(name).toMatch(/, Cournon-d.Auvergne(, en retard)?$/);
  });
});

test.describe('accessibility (axe-core)', () => {
  test('the sign-in page has no axe violation', async ({ page }) => {
    await page.goto('/connexion');
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('the Nord inbox has no axe violation', async ({ page }) => {
    await signIn(page, 'pole.nord');
    await expect(page.getByRole('button', { name: /^Groupe de/ }).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a staff report page has no axe violation, for the Nord manager', async ({ page }) => {
    await signIn(page, 'pole.nord');
    await openStaffReport(page, await pickReport(page, '?state=tous&sort=oldest', 0));
    await expect(page.locator('.leaflet-container')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a staff report page has no axe violation, for the elected member', async ({ page }) => {
    await signIn(page, 'elu');
    await openStaffReport(page, await pickReport(page, '?state=tous&sort=oldest', 0));
    await expectNoAxeViolations(page);
  });

  const openTemplates = async (page: Page) => {
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Espace agents' }).getByRole('link', { name: 'Modèles de réponse' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Modèles de réponse' })).toBeVisible();
  };

  test('the answer templates page has no axe violation, for the administrator', async ({ page }) => {
    await openTemplates(page);
    await expectNoAxeViolations(page);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the inbox and a staff report page fit a 390 px wide screen', async ({ page }, testInfo) => {
    await signIn(page, 'pole.nord');
    const reference = await pickReport(page, '?sort=oldest', 0);
    for (const [path, heading] of [
      ['/gestion', 'Signalements — Pôle de proximité Nord'],
      [`/gestion/signalements/${reference}`, `Signalement ${reference}`],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.locator('.leaflet-container').first()).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
      // Kept in test-results/ for a person to look at, and attached to the report.
      const file = testInfo.outputPath(path === '/gestion' ? 'phone-inbox.png' : 'phone-report.png');
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(`phone ${path}`, { path: file, contentType: 'image/png' });
    }
  });
});
