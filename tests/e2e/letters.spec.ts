import type { Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect, signIn, test } from './fixtures';

// The answer reaches the resident whatever they gave: a letter in the pôle's print queue for a caller who left only a
// postal address, an e-mail with the letter attached otherwise — written to files in the embedded setup and listed
// on the administrator's « Courriels » page. On the e2e server's demo data; each test takes reports no other moves.

test.describe.configure({ timeout: 120_000 });

async function pdfText(page: Page, href: string): Promise<string> {
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await response.body())), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/** Resolves the report open in the page with the category's prefilled answer; returns the answer. */
async function resolveOpenReport(page: Page): Promise<string> {
  const resolve = page.getByRole('form', { name: 'Résoudre le signalement' });
  const solution = (await resolve.getByLabel('Solution apportée').inputValue()).trim();
  await resolve.getByRole('button', { name: 'Résoudre' }).click();
  await expect(page.getByText('État : Résolu', { exact: true })).toBeVisible();
  return solution;
}

/** The first report of an inbox query whose staff page shows `wanted` in the contact block and not `unwanted`. */
async function findReport(page: Page, query: string, wanted: string, unwanted: string): Promise<string> {
  await page.goto(`/gestion${query}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Signalements — / })).toBeVisible();
  const references = await page
    .getByRole('table', { name: 'Signalements correspondant aux filtres' })
    .getByRole('link', { name: /^PC-\d{4}-\d{6}$/ })
    .allTextContents();
  for (const reference of references) {
    await page.goto(`/gestion/signalements/${reference}`);
    const contact = page.getByRole('region', { name: /^Usager/ });
    await expect(contact).toBeVisible();
    const text = await contact.textContent();
    if (text?.includes(wanted) && !text.includes(unwanted)) return reference;
  }
  throw new Error(`no report of ${query} has « ${wanted} » without « ${unwanted} » in its contact block`);
}

test('a caller who left only a postal address gets the letter: print queue, one PDF per batch, posted', async ({ page }) => {
  await signIn(page, 'pole.nord');
  const reference = await findReport(page, '?state=acknowledged&channel=phone&sort=oldest', 'Adresse postale', 'E-mail');
  const address = (
    await page
      .getByRole('region', { name: /^Usager/ })
      .locator('dd')
      .last()
      .innerText()
  ).split('\n')[0]!;
  const solution = await resolveOpenReport(page);
  await expect(page.getByRole('region', { name: 'Courriels et courriers' })).toContainText(
    'Résolution — courrier postal au déclarant : en attente (file d’impression)',
  );
  expect(await pdfText(page, `/gestion/signalements/${reference}/courrier`)).toContain(reference);

  await page.getByRole('link', { name: 'Courriers à imprimer' }).click();
  const nord = page.getByRole('region', { name: 'Pôle de proximité Nord' });
  await expect(nord.getByRole('link', { name: reference })).toBeVisible();
  await nord.getByRole('button', { name: 'Préparer le lot' }).click();
  const prepared = page.getByRole('status').filter({ hasText: /Lot n° \d+ préparé/ });
  await expect(prepared).toBeVisible();
  const batch = /Lot n° (\d+)/.exec((await prepared.textContent())!)![1]!;

  const download = nord.getByRole('link', { name: `Télécharger le lot n° ${batch} (PDF)` });
  const text = await pdfText(page, (await download.getAttribute('href'))!);
  expect(text).toContain(reference);
  expect(text).toContain(address.replace(/\s+/g, ' '));
  expect(text).toContain(solution.replace(/\s+/g, ' ').slice(0, 50));

  await nord.getByRole('button', { name: `Marquer le lot n° ${batch} comme posté` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Lot n° ${batch} marqué comme posté` })).toBeVisible();
  await page.goto(`/gestion/signalements/${reference}`);
  await expect(page.getByRole('region', { name: 'Historique' })).toContainText('Courrier posté');
  await expect(page.getByRole('region', { name: 'Courriels et courriers' })).toContainText(
    'courrier postal au déclarant : envoyé',
  );
  // The letter is history for staff only: the public page says nothing of it.
  await page.goto(`/suivi/${reference}`);
  await expect(page.getByRole('main')).not.toContainText('Courrier posté');
});

test('a resident who gave an e-mail gets the solution with the letter attached, visible on the mail page', async ({ page }) => {
  await signIn(page, 'admin');
  const reference = await findReport(page, '?state=acknowledged&channel=web&commune=63113&sort=oldest', 'E-mail', '§');
  const solution = await resolveOpenReport(page);

  // The app's own worker sends it within seconds (OUTBOX_POLL_SECONDS=1 on the e2e server).
  const messages = page.getByRole('region', { name: 'Courriels et courriers' });
  await expect(async () => {
    await page.reload();
    await expect(messages).toContainText('Résolution — courriel au déclarant : envoyé', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  await page.getByRole('link', { name: 'Courriels', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Courriels' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: `Signalement ${reference} résolu` });
  await expect(row).toContainText('Envoyé');
  await row.getByRole('link', { name: /^Lire le courriel n° \d+$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Signalement ${reference} résolu — Proxim’Cité` })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(solution.replace(/\s+/g, ' ').slice(0, 50));
  const attachment = page.getByRole('link', { name: `courrier-${reference}.pdf` });
  expect(await pdfText(page, (await attachment.getAttribute('href'))!)).toContain(reference);
});

test('the print queue and the mail page answer « introuvable » to those who may not use them', async ({ page }) => {
  await signIn(page, 'elu');
  for (const path of ['/gestion/courriers', '/gestion/courriels', '/gestion/courriers/lots/1', '/gestion/courriels/1/eml']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await expect(page.getByRole('link', { name: 'Courriers à imprimer' })).toHaveCount(0);
});
