import type { APIResponse, Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

// Every answer carries the security headers (a page, a redirect, an API route), and the pages still run under the
// Content-Security-Policy: no script, style or image the browser refused.

function expectSecurityHeaders(response: APIResponse, path: string) {
  const headers = response.headers();
  const policy = headers['content-security-policy'] ?? '';
  expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'(;|$)/);
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
    expect(policy.split('; '), `${path}: ${directive}`).toContain(directive);
  }
  expect(headers['permissions-policy'], path).toBe('geolocation=(self), camera=(), microphone=(), payment=()');
  expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
  expect(headers['x-content-type-options'], path).toBe('nosniff');
  // The test server runs on plain HTTP without SITE_URL: HSTS there would lock a browser out of the site.
  expect(headers['strict-transport-security'], path).toBeUndefined();
  return policy;
}

test('sends the security headers on pages, redirects and API routes', async ({ request }) => {
  const policies: string[] = [];
  for (const path of ['/', '/signaler', '/api/health']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    policies.push(expectSecurityHeaders(response, path));
  }
  const redirect = await request.get('/gestion', { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers().location).toContain('/connexion');
  policies.push(expectSecurityHeaders(redirect, '/gestion'));

  const nonces = policies.map((policy) => /'nonce-([^']+)'/.exec(policy)![1]);
  expect(new Set(nonces).size).toBe(nonces.length);
});

test('puts the response’s nonce on every script of the page', async ({ request }) => {
  const response = await request.get('/');
  const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy']!)![1];
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
});

/** Collects what the browser refused under the policy while the test runs. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  return violations;
}

test('loads the map and the report form without a CSP violation', async ({ page }) => {
  const violations = watchViolations(page);
  await page.goto('/');
  await expect(page.locator('.leaflet-overlay-pane path.leaflet-interactive')).toHaveCount(21);
  await expect(page.locator('.leaflet-tile-pane img').first()).toBeAttached();
  await page.goto('/signaler');
  await expect(page.getByLabel('Carte : touchez ou cliquez pour placer le repère')).toBeVisible();
  await expect(page.locator('.leaflet-tile-pane img').first()).toBeAttached();
  expect(violations).toEqual([]);
});

test('signs a member of staff in and shows the inbox without a CSP violation', async ({ page }) => {
  const violations = watchViolations(page);
  await signIn(page, 'pole.centre');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});
