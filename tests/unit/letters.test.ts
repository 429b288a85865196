import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it, vi } from 'vitest';
import { renderLetter, renderLetters, type LetterData } from '@/lib/notifications/letters';

// Every letter is read back with pdf.js, as a person copying its text would: what is asserted is what is printed.
// Rendering and reading PDFs is CPU-bound: on a busy machine one test takes seconds, more than Vitest's default 5 s.
vi.setConfig({ testTimeout: 60_000 });

const letter = (overrides: Partial<LetterData> = {}): LetterData => ({
  kind: 'resolution',
  reference: 'PC-2026-000123',
  categoryName: 'Voirie endommagée',
  place: { communeName: 'Chamalières', address: '14 avenue de Royat', lon: 3.06598, lat: 45.77474 },
  channel: 'phone',
  reportedAt: new Date('2026-11-18T09:12:00Z'),
  closedAt: new Date('2026-12-02T15:40:00Z'),
  outcome: 'Le nid-de-poule a été rebouché à l’enrobé à froid.\nUne réfection complète est programmée au printemps.',
  recipient: { name: 'Jeanne Dupont', postalAddress: '12 rue des Gras\nAppartement 3\n63000 Clermont-Ferrand' },
  pole: { name: 'Pôle de proximité Ouest', address: null },
  date: new Date('2026-12-03T08:00:00Z'),
  ...overrides,
});

/** Whitespace collapsed: pdf.js turns U+202F into a plain space and line ends into breaks. */
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `count` numbered paragraphs, each wider than a line, one per line of the text. */
const longOutcome = (count: number) =>
  Array.from(
    { length: count },
    (_, index) =>
      `Paragraphe ${String(index + 1).padStart(3, '0')} : la chaussée a été reprise sur toute sa largeur, ` +
      'les bordures ont été recalées et le marquage au sol refait.',
  ).join('\n');

async function read(bytes: Uint8Array) {
  // pdf.js may take ownership of the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  return { pdf, pages: totalPages, pageTexts: text.map(normalise), text: normalise(text.join('\n')) };
}

/** The body of the letters without their footers, so a paragraph split across two pages reads in one piece. */
const bodyText = (pageTexts: string[]) =>
  normalise(
    pageTexts
      .map((text) => text.replace(/Si le problème persiste, .*? en rappelant la référence PC-\d{4}-\d{6}\./, ''))
      .map((text) => text.replace(/PC-\d{4}-\d{6} — page \d+\/\d+/, ''))
      .join(' '),
  );

const PT_PER_MM = 72 / 25.4;
const PAGE_HEIGHT = 841.89;

/** Text items of a page with their position in millimetres from the left and top edges. */
async function itemsOf(bytes: Uint8Array, pageNumber = 1) {
  const page = await (await getDocumentProxy(new Uint8Array(bytes))).getPage(pageNumber);
  const { items } = await page.getTextContent();
  return items.flatMap((item) =>
    'str' in item && item.str.trim()
      ? [
          {
            text: item.str,
            left: item.transform[4] / PT_PER_MM,
            right: (item.transform[4] + item.width) / PT_PER_MM,
            top: (PAGE_HEIGHT - item.transform[5] - item.height) / PT_PER_MM,
            bottom: (PAGE_HEIGHT - item.transform[5]) / PT_PER_MM,
          },
        ]
      : [],
  );
}

/** The window of a French DL envelope on the folded A4 sheet, in millimetres. */
const inWindow = (item: { left: number; right: number; top: number; bottom: number }) =>
  item.left >= 100 && item.right <= 190 && item.top >= 45 && item.bottom <= 90;

describe('text people type', () => {
  it('draws emoji, U+202F, arrows and control characters without throwing', async () => {
    const outcome = 'Réparé → terminé 👍🏽 🦄 中文 \ud800\u0007\u0000\u001b[0m « 10\u202fh\u202f30 »\tfin\r\nligne 2';
    const { text } = await read(
      await renderLetter(
        letter({ outcome, categoryName: 'Éclairage\u202f🔦', recipient: { name: 'Zoë 🦄', postalAddress: null } }),
      ),
    );
    expect(text).toContain('Réparé → terminé');
    expect(text).toContain('« 10 h 30 » fin ligne 2');
    expect(text).toContain('□'); // a character the font lacks shows as a box
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('renders without a name nor a postal address', async () => {
    const { pages, text } = await read(await renderLetter(letter({ recipient: { name: null, postalAddress: null } })));
    expect(pages).toBe(1);
    expect(text).toContain('Madame, Monsieur');
    expect(text).not.toContain('12 rue des Gras');
  });

  it('prints the coordinates when the place has no address', async () => {
    const place = { communeName: 'Royat', address: null, lon: 3.05123, lat: 45.76543 };
    const { text } = await read(await renderLetter(letter({ place })));
    expect(text).toContain('Royat — 45,76543° N, 3,05123° E');
  });

  it('refuses an empty batch', async () => {
    await expect(renderLetters([])).rejects.toThrow(RangeError);
  });
});

describe('a resolution letter', () => {
  it('names the recipient, the report and the solution', async () => {
    const { pages, text } = await read(await renderLetter(letter()));
    expect(pages).toBe(1);
    for (const expected of [
      'Jeanne Dupont',
      '12 rue des Gras',
      'Appartement 3',
      '63000 Clermont-Ferrand',
      'Clermont-Ferrand, le 3 décembre 2026',
      'Objet : votre signalement PC-2026-000123',
      'Catégorie Voirie endommagée',
      'Chamalières — 14 avenue de Royat',
      '18 novembre 2026 (canal : téléphone)',
      'Résolu le 2 décembre 2026',
      'Madame, Monsieur,',
      'Solution mise en œuvre',
      'Le nid-de-poule a été rebouché à l’enrobé à froid. Une réfection complète est programmée au printemps.',
      'l’expression de nos salutations distinguées',
      'Le responsable du pôle de proximité Ouest',
      '0 800 300 029',
      'PC-2026-000123 — page 1/1',
    ])
      expect(text).toContain(expected);
  });

  it('signs from the service’s address when the pôle has none, and from the pôle’s own otherwise', async () => {
    expect((await read(await renderLetter(letter()))).text).toContain('Pôle de proximité Ouest Clermont Auvergne Métropole');
    const pole = { name: 'Pôle de proximité Centre', address: '3 rue de l’Hôtel de Ville\n63000 Clermont-Ferrand' };
    const { text } = await read(await renderLetter(letter({ pole })));
    expect(text).toContain('Pôle de proximité Centre 3 rue de l’Hôtel de Ville 63000 Clermont-Ferrand');
  });

  it('keeps no personal data in the document properties', async () => {
    const { pdf } = await read(await renderLetter(letter()));
    const { info } = await pdf.getMetadata();
    expect(info).toMatchObject({ Title: 'Courrier PC-2026-000123', Author: 'Clermont Auvergne Métropole', Language: 'fr-FR' });
    expect(JSON.stringify(info)).not.toMatch(/Dupont|Gras/);
  });

  it('places the address inside the window of a DL envelope', async () => {
    const items = await itemsOf(await renderLetter(letter()));
    for (const line of ['Jeanne Dupont', '12 rue des Gras', '63000 Clermont-Ferrand']) {
      const item = items.find((candidate) => candidate.text === line);
      expect(item, line).toBeDefined();
      expect(inWindow(item!), `${line} at ${JSON.stringify(item)}`).toBe(true);
    }
  });

  it('keeps a long address to 6 lines inside the window, town last', async () => {
    const postalAddress = [
      'Résidence des Volcans, bâtiment B, escalier 4, porte de gauche au fond du couloir',
      'Chez Madame et Monsieur Bernard-Lefèvre',
      'Lieu-dit Les Côtes',
      '12 bis chemin des Vignes',
      'BP 12',
      'Cedex 7',
      '63000 Clermont-Ferrand',
    ].join('\n');
    const items = await itemsOf(await renderLetter(letter({ recipient: { name: 'Jeanne Dupont', postalAddress } })));
    const block = items.filter((item) => item.left >= 100 && item.top < 92 && item.bottom > 40);
    expect(block.length).toBeGreaterThan(0);
    expect(block.length).toBeLessThanOrEqual(6);
    for (const item of block) expect(inWindow(item), JSON.stringify(item)).toBe(true);
    expect(block.at(-1)?.text).toBe('63000 Clermont-Ferrand');
  });

  it('flows a long solution onto further pages, all of it, with a footer on each', async () => {
    const outcome = longOutcome(60);
    expect(outcome.length).toBeGreaterThan(6_000);
    const { pages, pageTexts } = await read(await renderLetter(letter({ outcome })));
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(bodyText(pageTexts)).toContain(normalise(outcome));
    pageTexts.forEach((text, index) => expect(text).toContain(`PC-2026-000123 — page ${index + 1}/${pages}`));
  });
});

describe('a rejection letter', () => {
  it('gives the reason under « Motif »', async () => {
    const outcome = 'Cette voie est privée : son entretien revient à la copropriété.';
    const { text } = await read(await renderLetter(letter({ kind: 'rejection', outcome })));
    expect(text).toContain(`Motif ${outcome}`);
    expect(text).toContain('Clôturé le 2 décembre 2026');
    expect(text).not.toContain('Solution mise en œuvre');
  });
});

describe('the daily batch', () => {
  it('starts every letter on a new page of one document', async () => {
    const letters = [
      letter({ reference: 'PC-2026-000201' }),
      letter({ reference: 'PC-2026-000202', outcome: longOutcome(90), kind: 'rejection' }),
      letter({ reference: 'PC-2026-000203', recipient: { name: null, postalAddress: null } }),
    ];
    const own = await Promise.all(letters.map(async (one) => (await read(await renderLetter(one))).pages));
    expect(own[1]).toBeGreaterThanOrEqual(2);

    const { pages, pageTexts } = await read(await renderLetters(letters));
    expect(pages).toBe(own[0]! + own[1]! + own[2]!);
    let first = 0;
    letters.forEach(({ reference }, index) => {
      expect(pageTexts[first]).toContain(`Objet : votre signalement ${reference}`);
      expect(pageTexts[first]).toContain(`${reference} — page 1/${own[index]}`);
      first += own[index]!;
    });
  });

  it('renders 100 letters in one go (the time is printed, not asserted)', async () => {
    const letters = Array.from({ length: 100 }, (_, index) =>
      letter({ reference: `PC-2026-${String(index + 1).padStart(6, '0')}`, outcome: longOutcome(index % 10 === 0 ? 40 : 3) }),
    );
    const started = performance.now();
    const bytes = await renderLetters(letters);
    const elapsed = performance.now() - started;
    console.log(`renderLetters: 100 letters in ${Math.round(elapsed)} ms, ${Math.round(bytes.length / 1024)} kB`);
    expect((await getDocumentProxy(bytes)).numPages).toBeGreaterThanOrEqual(100);
  });
});
