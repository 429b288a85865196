import { inflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, signedInPage, signIn, test } from './fixtures';

// Phone and counter intake in a browser: the call-centre agent keys a report in with the keyboard alone (and the
// test counts the keys), the town-hall desk prints a receipt, and the page is closed to everyone else. Each test files
// its own report, so they run in parallel on the e2e server's demo data.

test.describe.configure({ timeout: 90_000 });

const REFERENCE = /^PC-\d{4}-\d{6}$/;

/** The reference of the receipt, once it shows (big text, « PC-2026-000123 »). */
async function receiptReference(page: Page): Promise<string> {
  const receipt = page.getByRole('region', { name: 'Signalement enregistré' });
  await expect(receipt).toBeVisible();
  const reference = receipt.getByText(REFERENCE);
  await expect(reference).toBeVisible();
  return (await reference.textContent())!.trim();
}

/**
 * The text of a PDF as Chromium writes it (Skia: Flate streams, Type0 fonts with a ToUnicode map, hex glyph strings):
 * enough to read a receipt back without a PDF library, which the project does not install. Glyphs are joined without
 * the spaces their positions imply: compare with whitespace removed.
 */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const match of source.matchAll(/(\d+) 0 obj\s*<<([\s\S]*?)>>\s*(stream\r?\n)?/g)) {
    let stream: string | null = null;
    if (match[3]) {
      const start = match.index + match[0].length;
      const bytes = pdf.subarray(start, source.indexOf('endstream', start));
      stream = /\/FlateDecode/.test(match[2]!) ? inflateSync(bytes).toString('latin1') : bytes.toString('latin1');
    }
    objects.set(match[1]!, { dict: match[2]!, stream });
  }
  const hex = (code: string) => String.fromCodePoint(...(code.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  const unicodeOf = (fontObject: string) => {
    const map = new Map<number, string>();
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObject)?.dict ?? '')?.[1];
    const cmap = (ref && objects.get(ref)?.stream) || '';
    for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const [, code, text] of block!.matchAll(/<([\dA-Fa-f]+)>\s*<([\dA-Fa-f]+)>/g))
        map.set(parseInt(code!, 16), hex(text!));
    for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const [, from, to, text] of block!.matchAll(/<([\dA-Fa-f]+)>\s*<([\dA-Fa-f]+)>\s*<([\dA-Fa-f]+)>/g))
        for (let code = parseInt(from!, 16); code <= parseInt(to!, 16); code++)
          map.set(code, String.fromCodePoint(parseInt(text!, 16) + code - parseInt(from!, 16)));
    return map;
  };
  const fonts = new Map([...source.matchAll(/\/(F\d+) (\d+) 0 R/g)].map(([, name, object]) => [name!, unicodeOf(object!)]));
  let text = '';
  for (const { stream } of objects.values()) {
    if (!stream || !/\bTf\b/.test(stream)) continue;
    let font = new Map<number, string>();
    for (const [, name, glyphs] of stream.matchAll(/\/(F\d+) [\d.]+ Tf|<([\dA-Fa-f]+)>/g)) {
      if (name) font = fonts.get(name) ?? new Map();
      else for (const unit of glyphs!.match(/.{4}/g) ?? []) text += font.get(parseInt(unit, 16)) ?? '';
    }
  }
  return text;
}

/** What has the focus, for a failure message. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return element ? `${element.tagName.toLowerCase()}#${element.id || element.name || ''}` : '';
  });

/** The keyboard, counting every key a person would press: one per named key, one per character typed. */
function countingKeyboard(page: Page) {
  const counts = { navigation: 0, typed: 0 };
  return {
    counts,
    total: () => counts.navigation + counts.typed,
    press: async (key: string, times = 1) => {
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
      counts.navigation += times;
    },
    /** Tab until `target` has the focus (at most `max` presses), each press counted. */
    tabUntil: async (target: Locator, max: number) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        counts.navigation += 1;
        if (await target.evaluate((element) => element === document.activeElement)) return;
      }
      throw new Error(`${max} presses of Tab did not reach the target (focus on ${await focused(page)})`);
    },
    type: async (text: string) => {
      await page.keyboard.type(text);
      counts.typed += [...text].length;
    },
  };
}

test('the call-centre agent keys in a phone report with the keyboard alone, and the Sud-Est manager finds it', async ({
  page,
  browser,
}, testInfo) => {
  await signIn(page, 'agent');
  await page.goto('/gestion/nouveau');
  await expect(page.getByRole('heading', { level: 1, name: 'Signalement reçu par téléphone' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Saisir un signalement' });
  await expect(form.getByRole('combobox', { name: /^Commune/ })).toHaveValue('');
  await expect(form.getByRole('textbox', { name: /^Description/ })).toHaveValue('');

  const keys = countingKeyboard(page);
  // Into the form: the skip link, then the first field of the page's content (the place's mode, commune and address).
  await keys.press('Tab');
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
  await keys.press('Enter');
  // The content starts with the staff menu (« Signalements », « Nouveau signalement »): Tab past it.
  const byAddress = form.getByRole('radio', { name: 'Indiquer la commune et l’adresse (sans carte)' });
  await keys.tabUntil(byAddress, 5);
  await expect(form.getByRole('radio', { name: 'Indiquer la commune et l’adresse (sans carte)' })).toBeChecked();

  await keys.press('Tab');
  await expect(form.getByRole('combobox', { name: /^Commune/ })).toBeFocused();
  await keys.type('cou');
  await expect(form.getByRole('combobox', { name: /^Commune/ })).toHaveValue('63124');
  await expect(form.getByText('Commune : Cournon-d')).toContainText('Pôle de proximité Sud-Est');

  await keys.press('Tab');
  await expect(form.getByRole('textbox', { name: 'Adresse ou lieu' })).toBeFocused();
  await keys.type('12 avenue de la Gare');

  // The categories are a radio group: Tab reaches the first, the arrows choose (Espaces verts is the third).
  await keys.press('Tab');
  await expect(form.getByRole('radio', { name: 'Propreté, nettoyage' })).toBeFocused();
  await keys.press('ArrowRight', 2);
  await expect(form.getByRole('radio', { name: 'Espaces verts' })).toBeChecked();

  // The severity the category suggests (low), raised to high with the arrows: a branch hangs over the pavement.
  await keys.press('Tab');
  const severity = form.getByLabel('Gravité');
  await expect(severity).toBeFocused();
  await expect(severity).toHaveValue('low');
  await keys.press('ArrowUp', 2);
  await expect(severity).toHaveValue('high');

  await keys.press('Tab');
  await expect(form.getByRole('textbox', { name: /^Description/ })).toBeFocused();
  await keys.type('Branche cassée au-dessus du trottoir');

  await keys.press('Tab'); // the photos (none by phone)
  await expect(form.getByLabel('Photos (facultatif)')).toBeFocused();
  await keys.press('Tab');
  await expect(form.getByRole('textbox', { name: 'Nom' })).toBeFocused();
  await keys.type('Paul Martin');
  await keys.press('Tab');
  await expect(form.getByRole('textbox', { name: 'Adresse e-mail' })).toBeFocused();
  await keys.type('paul.martin@example.org');
  // Enter from the last field filled sends the form.
  await keys.press('Enter');

  const reference = await receiptReference(page);
  const receipt = page.getByRole('region', { name: 'Signalement enregistré' });
  await expect(receipt).toContainText('Pôle de proximité Sud-Est');
  await expect(receipt).toContainText('Espaces verts — Branche cassée au-dessus du trottoir');
  await expect(receipt).toContainText("12 avenue de la Gare, Cournon-d'Auvergne");
  // The phone has nothing to print.
  await expect(receipt.getByRole('button', { name: 'Imprimer le récépissé' })).toHaveCount(0);

  const figure = `${keys.total()} key presses from the empty form to ${reference} on screen (${keys.counts.navigation} to move, choose and send, ${keys.counts.typed} characters typed)`;
  console.log(`keyboard-only phone intake: ${figure}`);
  testInfo.annotations.push({ type: 'keystrokes', description: figure });
  await testInfo.attach('keystrokes', {
    body: JSON.stringify({ ...keys.counts, total: keys.total() }),
    contentType: 'application/json',
  });

  // The pôle Sud-Est's manager finds it in the inbox, high severity.
  const manager = await signedInPage(browser, 'pole.sud-est');
  await manager.goto(`/gestion?q=${reference}`);
  const row = manager
    .getByRole('table', { name: 'Signalements correspondant aux filtres' })
    .locator('tbody')
    .getByRole('row')
    .filter({ hasText: reference });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Cournon-d');
  await manager.getByRole('link', { name: reference }).click();
  await expect(manager.getByRole('heading', { level: 1, name: `Signalement ${reference}` })).toBeVisible();
  await expect(manager.getByLabel('Gravité', { exact: true })).toHaveValue('high');
  await expect(manager.getByRole('main')).toContainText('Signalement reçu par téléphone (numéro vert).');
  await manager.context().close();
});

test('the Cournon town-hall desk keys in a counter report and prints a one-page receipt', async ({ page }, testInfo) => {
  await signIn(page, 'accueil.cournon');
  await page.goto('/gestion/nouveau');
  await expect(page.getByRole('heading', { level: 1, name: 'Signalement reçu à l’accueil' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Saisir un signalement' });
  // In Cournon-d’Auvergne: the desk's inbox shows its own intakes, and staff.spec.ts expects only Cournon there.
  await form.getByRole('combobox', { name: /^Commune/ }).selectOption({ label: "Cournon-d'Auvergne" });
  await form.getByRole('textbox', { name: 'Adresse ou lieu' }).fill('Place Joseph Gardet, devant la mairie');
  await form.getByText('Éclairage public').click();
  await form.getByRole('textbox', { name: /^Description/ }).fill('Trois lampadaires éteints depuis lundi soir.');
  await form.getByRole('textbox', { name: 'Nom' }).fill('Jeanne Visiteuse');
  await form.getByRole('textbox', { name: 'Adresse postale' }).fill('3 rue des Tilleuls, 63800 Cournon-d’Auvergne');
  await form.getByRole('button', { name: 'Enregistrer le signalement' }).click();

  const reference = await receiptReference(page);
  const receipt = page.getByRole('region', { name: 'Signalement enregistré' });
  await expect(receipt).toContainText('Pôle de proximité Sud-Est');
  await expect(receipt.getByRole('button', { name: 'Imprimer le récépissé' })).toBeVisible();

  // As printed: no header, menu, title or buttons; the reference and the pôle.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Espace agents' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(receipt.getByRole('button', { name: 'Imprimer le récépissé' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Nouveau signalement' })).toHaveCount(0);
  await expect(receipt.getByText(reference, { exact: true })).toBeVisible();
  await expect(receipt).toContainText('Pôle de proximité Sud-Est');

  // Kept in test-results/ for a person to look at, and attached to the report.
  const file = testInfo.outputPath('receipt.pdf');
  const pdf = await page.pdf({ path: file, format: 'A5', printBackground: true });
  await testInfo.attach('receipt.pdf', { path: file, contentType: 'application/pdf' });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // One page, A5 or A4 as the receipt promises.
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).toHaveLength(1);
  // Read back: the reference, who handles it, the problem and the place.
  const printed = pdfText(pdf).replace(/\s+/g, '');
  for (const expected of [reference, 'Pôle de proximité Sud-Est', 'Trois lampadaires éteints', 'Place Joseph Gardet'])
    expect(printed, `the PDF reads « ${expected} »`).toContain(expected.replace(/\s+/g, ''));
  expect(printed).not.toContain('Imprimerlerécépissé');
});

test.describe('accessibility (axe-core)', () => {
  for (const [login, heading] of [
    ['agent', 'Signalement reçu par téléphone'],
    ['admin', 'Saisir un signalement'],
  ] as const) {
    test(`the empty intake form has no axe violation, for ${login}@`, async ({ page }) => {
      await signIn(page, login);
      await page.goto('/gestion/nouveau');
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Enregistrer le signalement' })).toBeEnabled();
      const { violations } = await new AxeBuilder({ page }).analyze();
      const summary = violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        nodes: v.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary })),
      }));
      expect(violations, JSON.stringify(summary, null, 2)).toEqual([]);
    });
  }
});

test.describe('who may not key in', () => {
  test('sends a signed-out visitor to the sign-in page', async ({ page }) => {
    await page.goto('/gestion/nouveau');
    await expect(page).toHaveURL(/\/connexion(\?|$)/);
    await expect(page.getByRole('heading', { level: 1, name: 'Espace agents' })).toBeVisible();
  });

  test('answers the elected member with the French « page introuvable », and no menu entry', async ({ page }) => {
    await signIn(page, 'elu');
    await expect(
      page.getByRole('navigation', { name: 'Espace agents' }).getByRole('link', { name: 'Nouveau signalement' }),
    ).toHaveCount(0);
    const response = await page.goto('/gestion/nouveau');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Saisir un signalement' })).toHaveCount(0);
  });
});
