// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ['better-sqlite3', 'pino'],
  poweredByHeader: false,
  // The type check runs in `npm run typecheck` (part of `npm test`); building should not repeat it.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
