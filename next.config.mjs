/** @type {import('next').NextConfig} */
const nextConfig = {
  // Bundled, PGlite builds but fails on its first query (and ships 15 MB of wasm as static files).
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  experimental: {
    // Up to 3 photos of 10 MB each, plus the form's text.
    serverActions: { bodySizeLimit: '32mb' },
  },
  async headers() {
    const common = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    ];
    return [
      { source: '/:path*', headers: common },
      // The private follow-up link carries its secret in the path: it must never leak through a Referer.
      { source: '/suivi/:reference/acces/:token', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
    ];
  },
};

export default nextConfig;
