// Prisma CLI config: the JS schema engine over the driver adapter, so no native engine is downloaded.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { loadLocalEnv } from "./scripts/local-env";

loadLocalEnv();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const { sqliteFilePath } = await import("./lib/db/sqlite-path");
    return new PrismaBetterSQLite3({ url: sqliteFilePath(process.env.DATABASE_URL ?? "") });
  },
});
