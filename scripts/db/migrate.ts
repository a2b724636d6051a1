// Migrations on deploy (never inside `next build`): `prisma migrate deploy` on SQLite; on PostgreSQL the
// SQL migrations in prisma/postgres/migrations through postgrator under an advisory lock
// (lib/db/postgres-migrations.ts), so instances starting at once are safe. `npm start` calls this;
// `npm run db:migrate` runs it alone (a release step before rolling out instances).
import path from "node:path";
import { isPostgresUrl } from "@/lib/db/dialect";
import { migrateSqlite } from "@/lib/db/migrate-sqlite";
import { env } from "@/lib/env";

export async function migrateDatabase(url: string): Promise<void> {
  if (isPostgresUrl(url)) {
    const { migratePostgres } = await import("@/lib/db/postgres-migrations");
    const applied = await migratePostgres(url);
    if (applied.length > 0) console.log(`[migrate] applied ${applied.join(", ")}`);
    return;
  }
  migrateSqlite();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve("scripts/db/migrate.ts")) {
  import("../local-env")
    .then(({ loadLocalEnv }) => {
      loadLocalEnv();
      return migrateDatabase(env().DATABASE_URL);
    })
    .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
