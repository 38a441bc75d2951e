// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  // resvg-js too (it renders digest charts), and nodemailer, which the server only needs as plain Node code.
  serverExternalPackages: ['better-sqlite3', 'pino', '@resvg/resvg-js', 'nodemailer'],
  poweredByHeader: false,
  // jobs/serve.ts compresses responses itself, at a faster level than Next.js would.
  compress: false,
  // The type check runs in `npm run typecheck` (part of `npm test`); building should not repeat it.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
