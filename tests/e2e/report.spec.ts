import sharp from 'sharp';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const PRIVATE_LINK = /\/suivi\/(PC-\d{4}-\d{6})\/acces\/[\w%-]+/;

/** After sending: the confirmation in place, then its private link; returns the reference. */
async function confirmAndOpenPrivateLink(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Merci, votre signalement est enregistré' })).toBeFocused();
  await page.getByRole('link', { name: 'Voir le suivi de mon signalement' }).click();
  await expect(page).toHaveURL(PRIVATE_LINK);
  return PRIVATE_LINK.exec(page.url())![1]!;
}

async function photo(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const buffer = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#8a6d3b' } })
    .jpeg()
    .toBuffer();
  return { name: 'nid-de-poule.jpg', mimeType: 'image/jpeg', buffer };
}

/** Drops the pin at a point of the map given as fractions of its width and height. */
async function pinAt(page: Page, x: number, y: number) {
  const map = page.getByLabel('Carte : touchez ou cliquez pour placer le repère');
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
}

/** How many open reports the accessible list counts for one commune and one category. */
async function countInList(page: Page, insee: string, category: string): Promise<number> {
  await page.goto(`/signalements?commune=${insee}&category=${category}&state=open`);
  // The table's caption or the list's « aucun »: a page still loading is waited for, never read as no report.
  const caption = page.locator('caption');
  const none = page.getByText('Signalements en cours : aucun ne correspond à ces filtres.');
  await expect(caption.or(none)).toBeVisible();
  if (await none.isVisible()) return 0;
  return Number(/: ([\d\s]+) au total/.exec((await caption.textContent())!)![1]!.replace(/\s/g, ''));
}

/** How many reports the public map shows for one commune and one category (one at least). */
async function countOnMap(page: Page, commune: string, category: string): Promise<number> {
  await page.goto('/');
  const summary = page.getByText(/^(\d[\d\s]* signalements? affichés?|Aucun signalement affiché)$/);
  await expect(summary).toBeVisible();
  await page.getByLabel('Commune', { exact: true }).selectOption({ label: commune });
  await page.getByRole('button', { name: 'Tout masquer' }).click();
  await expect(page.getByText('Aucun signalement affiché')).toBeVisible();
  await page.getByRole('checkbox', { name: category }).check();
  await expect(page.getByText('Aucun signalement affiché')).toBeHidden();
  return Number(((await summary.textContent()) ?? '').replace(/\D/g, '') || 0);
}

/** Moves the keyboard focus forward until it reaches the target: the page is used without a pointer. */
async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the keyboard never reached the target');
}

test.describe('reporting a problem', () => {
  test('refuses an incomplete form with a summary that leads to each field', async ({ page }) => {
    await page.goto('/signaler');
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'corrigez les champs indiqués' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      /^Indiquez le lieu : placez un repère sur la carte/,
      'Choisissez la catégorie du problème.',
      /^Décrivez le problème en quelques mots/,
      /^Pour recevoir le courrier décrivant la solution/,
    ]);
    await expect(page.getByLabel('Description *')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Adresse e-mail')).toHaveAccessibleDescription(
      /indiquez une adresse e-mail ou une adresse postale/,
    );
    await summary.getByRole('link', { name: 'Choisissez la catégorie du problème.' }).click();
    await expect(page).toHaveURL(/#category-error$/);
  });

  test('says so and blocks sending when the pin is outside the Métropole', async ({ page }) => {
    await page.goto('/signaler');
    await pinAt(page, 0.05, 0.1);
    await expect(page.getByText('Ce point est hors du territoire de Clermont Auvergne Métropole')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Envoyer le signalement' })).toBeDisabled();
  });

  test('goes from a pin on the map to the tracking page, and the report is on the public map', async ({ page, request }) => {
    await page.goto('/signaler');
    await pinAt(page, 0.5, 0.5);
    await expect(page.getByText(/^Commune : .+ — Pôle de proximité/)).toBeVisible();
    await page.getByText('Voirie dégradée').click();
    await page.getByLabel('Description *').fill('Nid-de-poule profond au milieu de la chaussée, dangereux pour les vélos.');
    await page.getByLabel('Photos (facultatif)').setInputFiles(await photo());
    await expect(page.getByRole('img', { name: 'Aperçu de nid-de-poule.jpg' })).toBeVisible();
    await page.getByLabel('Adresse e-mail').fill('resident.e2e@example.org');
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();

    await expect(page.getByText(/^Référence : PC-\d{4}-\d{6}$/)).toBeVisible();
    await expect(page.getByText(/Pris en charge par le Pôle de proximité .+, traitement prévu au plus tard le/)).toBeVisible();
    const reference = await confirmAndOpenPrivateLink(page);
    await expect(page.getByRole('heading', { name: `Signalement ${reference}` })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Photo 1 du signalement' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Effacer mes coordonnées' })).toBeVisible();

    const features = (await (await request.get('/api/reports?state=open&category=voirie')).json()).features as {
      properties: { reference: string };
    }[];
    expect(features.map((f) => f.properties.reference)).toContain(reference);

    await page.goto('/suivi');
    await page.getByLabel('Référence du signalement').fill(reference.toLowerCase());
    await page.getByRole('button', { name: 'Voir le signalement' }).click();
    await expect(page).toHaveURL(`/suivi/${reference}`);
    await expect(page.getByRole('heading', { name: `Signalement ${reference}` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Historique' })).toContainText('Signalement reçu');
    await expect(page.getByText('resident.e2e@example.org')).toHaveCount(0);
  });

  test('can be done with the keyboard only, without the map, and the report is then on the public map', async ({ page }) => {
    // Dozens of key presses, the list and the map: on a busy 2-core machine this takes most of the default 30 s.
    test.setTimeout(90_000);
    const before = await countInList(page, '63308', 'encombrants');
    await page.goto('/signaler');
    await tabTo(page, page.getByRole('radio', { name: 'Placer un repère sur la carte' }));
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: 'Indiquer la commune et l’adresse (sans carte)' })).toBeChecked();

    await tabTo(page, page.getByLabel('Commune *'));
    await page.keyboard.type('Royat');
    await tabTo(page, page.getByLabel('Adresse ou lieu *'));
    await page.keyboard.type('Place Allard, devant la fontaine');
    await tabTo(page, page.getByRole('radio', { name: 'Propreté, nettoyage' }));
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: 'Encombrants, dépôts sauvages' })).toBeChecked();
    await tabTo(page, page.getByLabel('Description *'));
    await page.keyboard.type('Un matelas abandonné sur le trottoir depuis trois jours.');
    await tabTo(page, page.getByLabel('Adresse postale'));
    await page.keyboard.type('1 place Allard, 63130 Royat');
    await tabTo(page, page.getByRole('button', { name: 'Envoyer le signalement' }));
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Merci, votre signalement est enregistré' })).toBeFocused();
    await expect(page.getByText('Pris en charge par le Pôle de proximité Ouest', { exact: false })).toBeVisible();
    await tabTo(page, page.getByRole('link', { name: 'Voir le suivi de mon signalement' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(PRIVATE_LINK);
    await expect(page.getByText('L’emplacement exact sera confirmé par un agent.')).toBeVisible();

    expect(await countOnMap(page, 'Royat', 'Encombrants, dépôts sauvages')).toBe(before + 1);
    expect(await countInList(page, '63308', 'encombrants')).toBe(before + 1);
  });

  test('suggests the open report of the same category nearby, and following it files nothing new', async ({ page }) => {
    await page.goto('/signaler');
    await pinAt(page, 0.52, 0.47);
    await page.getByText('Éclairage public').click();
    await page.getByLabel('Description *').fill('Lampadaire éteint depuis une semaine devant l’arrêt de bus.');
    await page.getByRole('checkbox', { name: 'Je ne souhaite pas de réponse' }).check();
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    const first = await confirmAndOpenPrivateLink(page);

    await page.goto('/signaler');
    await pinAt(page, 0.52, 0.47);
    await page.getByText('Éclairage public').click();
    const suggestions = page.getByRole('region', { name: 'Ce problème a peut-être déjà été signalé' });
    await expect(suggestions).toContainText(first);
    await suggestions.getByRole('button', { name: `C’est le même problème que ${first}` }).click();

    await expect(page.getByRole('heading', { name: `Suivre le signalement ${first}` })).toBeVisible();
    await page.getByLabel('Adresse e-mail').fill('voisin.e2e@example.org');
    await page.getByRole('button', { name: 'Suivre ce signalement' }).click();
    await expect(page).toHaveURL(PRIVATE_LINK);
    expect(PRIVATE_LINK.exec(page.url())![1]).toBe(first);
    await expect(page.getByRole('heading', { name: 'Vous suivez ce signalement' })).toBeVisible();
    await expect(page.getByText('2 personnes')).toBeVisible();
  });
});
