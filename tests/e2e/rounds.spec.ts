import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect, signIn, test } from './fixtures';

// « Ma tournée » in a browser, on the e2e server's demo data: a manager ticks three reports in the inbox, adds them to
// their round, orders and reorders it, and downloads the route sheet, whose text lists the references in that order.
// The pôle Ouest's manager: no other e2e test uses that pôle's round, and adding to a round changes no report.

test.describe.configure({ timeout: 120_000 });

const stopList = (page: Page) => page.getByRole('list', { name: 'Étapes dans l’ordre de passage' });
const stopReferences = (page: Page) =>
  stopList(page)
    .getByRole('link', { name: /^PC-\d{4}-\d{6}$/ })
    .allTextContents();

/** The round as the page lists it, once it holds `expected` (in that order). */
async function expectRound(page: Page, expected: string[]) {
  await expect(stopList(page).getByRole('link', { name: /^PC-\d{4}-\d{6}$/ })).toHaveText(expected);
}

test('a manager adds three reports to the round, reorders them and prints the sheet in that order', async ({ page }) => {
  await signIn(page, 'pole.ouest');
  // Empty, in case a retry left stops behind.
  await page.goto('/gestion/tournee');
  for (let left = await page.getByRole('button', { name: /^Retirer / }).count(); left > 0; left--) {
    await page
      .getByRole('button', { name: /^Retirer / })
      .first()
      .click();
    await expect(page.getByRole('button', { name: /^Retirer / })).toHaveCount(left - 1);
  }

  await page.goto('/gestion?sort=oldest');
  const table = page.getByRole('table', { name: 'Signalements correspondant aux filtres' });
  const picked = (await table.getByRole('link', { name: /^PC-\d{4}-\d{6}$/ }).allTextContents()).slice(0, 3);
  expect(picked, 'the pôle Ouest has three open reports').toHaveLength(3);
  for (const reference of picked) await page.getByRole('checkbox', { name: `Sélectionner ${reference}` }).check();
  await page.getByRole('button', { name: 'Ajouter à ma tournée' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 signalements ajoutés à votre tournée.' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Espace agents' }).getByRole('link', { name: 'Ma tournée' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ma tournée' })).toBeVisible();
  await expectRound(page, picked);

  await page.getByRole('button', { name: 'Ordonner au plus court' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Étapes ordonnées au plus court/ })).toBeVisible();
  const ordered = await stopReferences(page);
  expect([...ordered].sort()).toEqual([...picked].sort());

  // By hand: the last stop first.
  const [first, second, third] = ordered as [string, string, string];
  await page.getByRole('button', { name: `Monter ${third}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${third} est maintenant l’étape 2.` })).toBeVisible();
  await page.getByRole('button', { name: `Monter ${third}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${third} est maintenant l’étape 1.` })).toBeVisible();
  const chosen = [third, first, second];
  await expectRound(page, chosen);

  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Imprimer la feuille de tournée (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^feuille-de-tournee-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = new Uint8Array(await readFile((await download.path())!));
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  const at = chosen.map((reference) => text.indexOf(reference));
  expect(
    at.every((index) => index >= 0),
    `every reference is on the sheet: ${at.join(', ')}`,
  ).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  expect(text.replace(/\s+/g, ' ')).toContain(`1. ${third}`);
});

test('answers another pôle’s person’s round and sheet as missing', async ({ page }) => {
  await signIn(page, 'pole.ouest');
  await page.goto('/gestion/tournee?pour=1');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/tournée/i);
  const sheet = await page.request.get('/gestion/tournee/feuille?pour=1');
  expect(sheet.status()).toBe(404);
});
