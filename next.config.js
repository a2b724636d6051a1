// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  typedRoutes: false,
  // `npm run typecheck` checks everything; the build checks only what ships, so a test file never blocks `npm start`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

module.exports = nextConfig;
