// The response headers that depend on the request or on the deployment: the Content-Security-Policy (its nonce is
// new for every request) and HSTS (only when the site is served over HTTPS). The fixed ones are in next.config.mjs.

type PolicyOptions = {
  nonce: string;
  isDevelopment: boolean;
  /** The map's tile URL template (NEXT_PUBLIC_TILE_URL); empty = no tiles. */
  tileUrl: string;
  /** The single sign-on's issuer (AUTH_OIDC_ISSUER): a sign-in form posts, then is redirected there. */
  oidcIssuer?: string;
};

/**
 * The origin a tile URL template loads from, as a CSP source: `https://{s}.tile.example/{z}/{x}/{y}.png` →
 * `https://*.tile.example`. Null when there are no tiles or the template is not an http(s) URL.
 */
export function tileSource(template: string): string | null {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(template.trim());
  if (!match) return null;
  const host = match[2]!.replace(/\{[^}]*\}/g, '*');
  // A placeholder anywhere but the leftmost label cannot be said in CSP: allow nothing rather than too much.
  if (!/^(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(host)) return null;
  return `${match[1]!.toLowerCase()}://${host.toLowerCase()}`;
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Scripts only from this site, with this response's nonce ('strict-dynamic' lets Next's own chunks load theirs);
 * inline styles are allowed because Leaflet positions the map with style attributes. The address search goes
 * through the server (/api/geocode), so the browser talks to no one else but the tile server.
 */
export function contentSecurityPolicy({ nonce, isDevelopment, tileUrl, oidcIssuer }: PolicyOptions): string {
  const tiles = tileSource(tileUrl);
  const issuer = originOf(oidcIssuer);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${issuer ? ` ${issuer}` : ''}`,
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/** HSTS once the site says it is served over HTTPS (SITE_URL); over plain HTTP it would lock browsers out. */
export function strictTransportSecurity(siteUrl: string | undefined): string | null {
  return siteUrl?.toLowerCase().startsWith('https://') ? 'max-age=31536000; includeSubDomains' : null;
}

/** 128 random bits, base64: what the CSP spec asks of a nonce. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
