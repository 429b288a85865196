/** @type {import('next').NextConfig} */
const nextConfig = {
  // Bundled, PGlite builds but fails on its first query (and ships 15 MB of wasm as static files).
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
