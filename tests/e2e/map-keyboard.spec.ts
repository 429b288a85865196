import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The map itself, not only its « sans carte » alternative, works without a pointer: Tab to it, arrows pan, + zooms,
// Entrée (or « Placer le repère ici ») drops the pin at the centre's cross. Every key press is counted and printed.

class Keyboard {
  presses = 0;
  constructor(private readonly page: Page) {}
  async press(key: string, times = 1) {
    for (let i = 0; i < times; i++) await this.page.keyboard.press(key);
    this.presses += times;
  }
  async type(text: string) {
    await this.page.keyboard.type(text);
    this.presses += [...text].length;
  }
  /** Tab until the target has the focus. */
  async tabTo(target: Locator, maxPresses = 80) {
    for (let i = 0; i < maxPresses; i++) {
      if (await target.evaluate((element) => element === document.activeElement)) return;
      await this.press('Tab');
    }
    throw new Error('the keyboard never reached the target');
  }
}

const centreOfMap = (map: Locator) =>
  map.evaluate((element) => getComputedStyle(element.querySelector('.leaflet-map-pane')!).transform);

test('a report is placed on the map and sent with the keyboard only', async ({ page, blockedRequests }) => {
  // Dozens of key presses on a busy 2-core machine.
  test.setTimeout(90_000);
  const keys = new Keyboard(page);
  await page.goto('/signaler');
  const map = page.locator('.leaflet-container');
  await expect(map).toBeVisible();

  await keys.tabTo(map);
  await expect(map).toHaveAccessibleDescription(/les flèches déplacent la carte/);
  const crosshair = page.getByTestId('map-crosshair');
  await expect(crosshair).toBeVisible();

  const before = await centreOfMap(map);
  await keys.press('ArrowUp');
  await expect.poll(() => centreOfMap(map)).not.toBe(before);
  await keys.press('ArrowDown');
  await keys.press('+');
  await keys.press('Enter');

  await expect(page.getByText(/^Commune : .+ — Pôle de proximité/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Repère du problème (déplaçable)' })).toBeVisible();
  // Street level around the pin: the tiles of zoom 17 are asked for (and blocked, like every outside request).
  await expect.poll(() => blockedRequests.some((url) => /\/17\/\d+\/\d+\.png/.test(url)), { timeout: 20_000 }).toBe(true);
  const placedWith = keys.presses;

  await keys.tabTo(page.getByRole('radio', { name: 'Propreté, nettoyage' }));
  await keys.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Encombrants, dépôts sauvages' })).toBeChecked();
  await keys.tabTo(page.getByLabel('Description *'));
  await keys.type('Un carton de vaisselle cassée abandonné au pied de l’arbre.');
  await keys.tabTo(page.getByRole('checkbox', { name: 'Je ne souhaite pas de réponse' }));
  await keys.press('Space');
  await keys.tabTo(page.getByRole('button', { name: 'Envoyer le signalement' }));
  await keys.press('Enter');

  await expect(page.getByRole('heading', { name: 'Merci, votre signalement est enregistré' })).toBeFocused();
  console.log(
    `Keyboard-only report on the map: ${placedWith} key presses to place the pin, ${keys.presses} in all ` +
      '(each typed character counted as one press).',
  );
});

test('« Placer le repère ici » drops the pin at the centre of the map', async ({ page }) => {
  await page.goto('/signaler');
  const place = page.getByRole('button', { name: 'Placer le repère ici' });
  await expect(place).toBeEnabled();
  await place.focus();
  await expect(page.getByTestId('map-crosshair')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^Commune : .+ — Pôle de proximité/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Repère du problème (déplaçable)' })).toBeVisible();
});
