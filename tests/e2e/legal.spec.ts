import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The pages every French public site must have, reached from the footer of every page, and readable by everyone.

const LEGAL_PAGES = [
  { link: 'Accessibilité : partiellement conforme', path: '/accessibilite', heading: 'Déclaration d’accessibilité' },
  { link: 'Données personnelles', path: '/donnees-personnelles', heading: 'Données personnelles' },
  { link: 'Mentions légales', path: '/mentions-legales', heading: 'Mentions légales' },
];

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary })),
  }));
  expect(violations, JSON.stringify(summary, null, 2)).toEqual([]);
}

for (const path of ['/', '/signaler', '/signalements', '/suivi']) {
  test(`the footer of ${path} links to the three legal pages`, async ({ page }) => {
    await page.goto(path);
    const legal = page.getByRole('contentinfo').getByRole('navigation', { name: 'Informations légales' });
    for (const { link, path: target } of LEGAL_PAGES)
      await expect(legal.getByRole('link', { name: link, exact: true })).toHaveAttribute('href', target);
  });
}

for (const { link, path, heading } of LEGAL_PAGES) {
  test(`${path} opens from the footer and has no axe violation`, async ({ page }) => {
    await page.goto('/signalements');
    await page.getByRole('contentinfo').getByRole('link', { name: link, exact: true }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test('the accessibility statement gives its state, the alternative to the map and the ways to a remedy', async ({ page }) => {
  await page.goto('/accessibilite');
  const main = page.getByRole('main');
  await expect(main).toContainText('partiellement conforme');
  await expect(main.getByRole('link', { name: 'liste des signalements' })).toHaveAttribute('href', '/signalements');
  await expect(main).toContainText('sans carte');
  await expect(main).toContainText('Libre réponse 71120, 75342 Paris CEDEX 07');
  await expect(main).toContainText('09 69 39 00 00');
  await expect(main.getByRole('link', { name: 'formulaire en ligne' })).toBeVisible();
});

test('the privacy notice says how long contact data are kept and how to erase them', async ({ page }) => {
  await page.goto('/donnees-personnelles');
  const main = page.getByRole('main');
  await expect(main).toContainText('un an (12 mois) après la clôture du signalement');
  await expect(main).toContainText('article 6-1-e');
  await expect(main).toContainText('Effacer mes coordonnées');
  await expect(main.getByRole('link', { name: /^dpo@/ })).toHaveAttribute('href', /^mailto:dpo@/);
  await expect(main.getByRole('link', { name: 'cnil.fr/fr/plaintes' })).toBeVisible();
});
