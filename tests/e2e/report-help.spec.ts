import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

// What a first-time resident tripped on: what the contact part needs, keeping the private link, the report's state.

test('« Vos coordonnées » says up front that an e-mail, a postal address or « no answer » is needed', async ({ page }) => {
  await page.goto('/signaler');
  await expect(page.getByRole('group', { name: 'Vos coordonnées' })).toHaveAccessibleDescription(
    'Indiquez une adresse e-mail, ou une adresse postale pour recevoir la réponse par courrier, ou cochez « Je ne souhaite pas de réponse ». Le nom et le téléphone sont facultatifs. Une fois le problème résolu, la Métropole vous envoie la solution. Ces informations ne sont visibles que des agents.',
  );
});

test.describe('the confirmation', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('copies the private link with « Copier le lien » and says so', async ({ page }) => {
    await page.goto('/signaler');
    await page.getByRole('radio', { name: 'Indiquer la commune et l’adresse (sans carte)' }).check();
    await page.getByLabel('Commune *').selectOption({ label: 'Aubière' });
    await page.getByLabel('Adresse ou lieu *').fill('Avenue du Roc, près de l’arrêt de bus');
    await page.getByText('Éclairage public').click();
    await page.getByLabel('Description *').fill('Le lampadaire clignote toute la nuit.');
    await page.getByLabel('Adresse e-mail').fill('copie.e2e@example.org');
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();

    const banner = page.getByRole('region', { name: 'Merci, votre signalement est enregistré' });
    await expect(banner).toBeVisible();
    const privateUrl = await banner.getByRole('link', { name: /\/suivi\/PC-/ }).getAttribute('href');
    await banner.getByRole('button', { name: 'Copier le lien' }).click();
    await expect(banner.getByRole('status')).toHaveText('Lien copié dans le presse-papiers.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(privateUrl);
  });
});

test('a report’s public page writes its state out and has no axe violation', async ({ page, request }) => {
  const features = (await (await request.get('/api/reports')).json()).features as { properties: { reference: string } }[];
  const reference = features[0]!.properties.reference;
  await page.goto(`/suivi/${reference}`);
  await expect(page.getByRole('heading', { level: 1, name: `Signalement ${reference}` })).toBeVisible();
  await expect(page.getByText(/^État : .+$/)).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((node) => node.target.join(' ')) }));
  expect(violations, JSON.stringify(summary, null, 2)).toEqual([]);
});
