/** @type {import('next').NextConfig} */
const nextConfig = {
  // Bundled, PGlite builds but fails on its first query (and ships 15 MB of wasm as static files).
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  experimental: {
    // Up to 3 photos of 10 MB each, plus the form's text.
    serverActions: { bodySizeLimit: '32mb' },
    // With a proxy (proxy.ts), Next buffers each request body up to this size and passes on only that much (10 MB by
    // default: a report with 15 MB of photos reached its action cut, and failed). A little above the actions' limit,
    // so that proxy.ts tells a body over that limit from one this buffering cut, and answers it 413 (lib/action-body.ts).
    proxyClientMaxBodySize: '33mb',
  },
  async headers() {
    const common = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      // The report form may locate the resident; nothing else may ask for a sensor or a payment.
      { key: 'Permissions-Policy', value: 'geolocation=(self), camera=(), microphone=(), payment=()' },
    ];
    // The Content-Security-Policy (a nonce per request) and HSTS (SITE_URL read at run time) are set in proxy.ts.
    return [
      { source: '/:path*', headers: common },
      // The private follow-up link carries its secret in the path: it must never leak through a Referer.
      { source: '/suivi/:reference/acces/:token', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
    ];
  },
};

export default nextConfig;
