import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, signedInPage, test } from './fixtures';

// Moderation as a pôle manager does it: three residents' reports wait for a check; one is published as sent, one
// after a rectangle of its photo is blurred, one is hidden. The public sees exactly that, and nothing before.

// Three reports filed through the form, then a dozen staff steps and two axe runs: 1.7 min on a busy 2-core machine,
// over 2 min on a busier one (seen in CI with mutation testing running beside it).
test.describe.configure({ timeout: 300_000 });

/** A photo with a black-and-white checkerboard in its middle (8 px squares): what the redaction must blur. */
async function photo(name: string) {
  const [width, height] = [160, 120];
  const checker = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      checker.fill((Math.floor(x / 8) + Math.floor(y / 8)) % 2 ? 255 : 0, (y * width + x) * 3, (y * width + x + 1) * 3);
  const square = await sharp(checker, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  const buffer = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#204060' } })
    .composite([{ input: square, left: 240, top: 180 }])
    .jpeg({ quality: 95 })
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/** Files a web report with a photo in the centre of the map (Clermont-Ferrand, pôle Centre); returns its reference. */
async function fileReport(page: Page, description: string): Promise<string> {
  await page.goto('/signaler');
  const map = page.getByLabel('Carte : touchez ou cliquez pour placer le repère');
  // A click that lands before Leaflet has loaded places nothing: click again until the place is said.
  await expect(async () => {
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    await expect(page.getByText(/^Commune : Clermont-Ferrand — Pôle de proximité Centre/)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByText('Incivilités (tags, affichage…)').click();
  await page.getByLabel('Description *').fill(description);
  await page.getByLabel('Photos (facultatif)').setInputFiles(await photo('tag.jpg'));
  await page.getByLabel('Adresse e-mail').fill('temoin.e2e@example.org');
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
  const line = page.getByText(/^Référence : PC-\d{4}-\d{6}$/);
  await expect(line).toBeVisible({ timeout: 15_000 });
  return (await line.textContent())!.replace('Référence : ', '').trim();
}

async function openStaffReport(page: Page, reference: string) {
  await page.goto(`/gestion/signalements/${reference}`);
  await expect(page.getByRole('heading', { name: `Signalement ${reference}` })).toBeVisible();
}

/** The mean absolute difference of two 640 × 480 photos' grey levels over a box of pixels. */
async function difference(a: Buffer, b: Buffer, box: { left: number; top: number; right: number; bottom: number }) {
  const [pa, pb] = await Promise.all([a, b].map((bytes) => sharp(bytes).greyscale().raw().toBuffer()));
  let sum = 0;
  for (let y = box.top; y < box.bottom; y++)
    for (let x = box.left; x < box.right; x++) sum += Math.abs(pa![y * 640 + x]! - pb![y * 640 + x]!);
  return sum / ((box.right - box.left) * (box.bottom - box.top));
}

test('a manager publishes one report, blurs part of another’s photo and publishes it, hides a third', async ({
  page,
  browser,
  request,
}) => {
  const stamp = Date.now().toString(36);
  const published = await fileReport(page, `Tag sur la façade de l’école, signé ${stamp}-A.`);
  const redacted = await fileReport(page, `Affiche sauvage avec un visage, ${stamp}-B.`);
  const hidden = await fileReport(page, `Mon voisin M. Durand tague le mur, ${stamp}-C.`);

  // Before any check: the public page says it is being checked, the photo is not served, the text is nowhere.
  await page.goto(`/suivi/${published}`);
  await expect(page.getByText('La description et les photos sont en cours de vérification')).toBeVisible();
  await expect(page.getByText(`${stamp}-A`)).toHaveCount(0);
  expect((await request.get(`/api/reports/${published}/photos/0`)).status()).toBe(404);

  const manager = await signedInPage(browser, 'pole.centre');
  await manager.getByRole('link', { name: /^À modérer \d+/ }).click();
  await expect(manager).toHaveURL(/moderation=1/);
  for (const reference of [published, redacted, hidden]) {
    await expect(manager.getByRole('link', { name: reference })).toBeVisible();
  }
  await expect(manager.getByText('Description et photos à vérifier').first()).toBeVisible();

  // 1. Published as sent.
  await openStaffReport(manager, published);
  await manager.getByRole('button', { name: 'Publier la description et les photos' }).click();
  await expect(manager.getByText(`${published} : description et photos publiées.`)).toBeVisible();
  await page.goto(`/suivi/${published}`);
  await expect(page.getByText(`Tag sur la façade de l’école, signé ${stamp}-A.`)).toBeVisible();
  await expect(page.getByRole('img', { name: 'Photo 1 du signalement' })).toBeVisible();

  // 2. A rectangle over the white square blurred, then published: the public photo differs there, not elsewhere.
  await openStaffReport(manager, redacted);
  const original = Buffer.from(await (await manager.request.get(`/gestion/signalements/${redacted}/photos/0`)).body());
  const redaction = manager.getByRole('form', { name: 'Flouter ou masquer une partie d’une photo' });
  await redaction.getByRole('button', { name: 'Ajouter un rectangle' }).click();
  for (const [label, value] of [
    ['Gauche', '37.5'],
    ['Haut', '37.5'],
    ['Largeur', '25'],
    ['Hauteur', '25'],
  ] as const) {
    await redaction.getByLabel(label, { exact: true }).fill(value);
  }
  await redaction.getByRole('button', { name: 'Flouter ces zones' }).click();
  await expect(manager.getByText('Floutée en partie', { exact: true })).toBeVisible();
  await manager.getByRole('button', { name: 'Publier la description et les photos' }).click();
  await expect(manager.getByText(`${redacted} : description et photos publiées.`)).toBeVisible();
  const served = await request.get(`/api/reports/${redacted}/photos/0`);
  expect(served.status()).toBe(200);
  const after = Buffer.from(await served.body());
  // Inside the rectangle the checkerboard is gone; far from it, only JPEG's re-encoding noise.
  expect(await difference(original, after, { left: 260, top: 200, right: 380, bottom: 280 })).toBeGreaterThan(40);
  expect(await difference(original, after, { left: 0, top: 0, right: 160, bottom: 120 })).toBeLessThan(4);

  // 3. Hidden from the public: « introuvable », off the map API.
  await openStaffReport(manager, hidden);
  await manager.getByLabel('Raison (pour les agents)').first().fill('Nomme un voisin');
  await manager.getByRole('button', { name: 'Masquer au public' }).click();
  await expect(manager.getByText(/Masqué au public depuis le/).first()).toBeVisible();
  const answer = await page.goto(`/suivi/${hidden}`);
  expect(answer?.status()).toBe(404);
  const map = await (await request.get('/api/reports?state=all')).text();
  const onMap = map.match(/PC-\d{4}-\d{6}/g) ?? [];
  expect(onMap).toContain(published);
  expect(onMap).not.toContain(hidden);
  expect(map.includes('Durand')).toBe(false);

  // The moderation screens: no axe violation.
  for (const url of ['/gestion?moderation=1&state=tous', `/gestion/signalements/${redacted}`]) {
    await manager.goto(url);
    const results = await new AxeBuilder({ page: manager }).analyze();
    expect(results.violations, url).toEqual([]);
  }
});
