// `npm run db:postgres [-- <migration name>]`: keeps PostgreSQL in step with the SQLite data model.
// Writes prisma/postgres/schema.prisma from prisma/schema.prisma; when the data model changed since the
// last PostgreSQL migration, writes the next one (`prisma migrate diff`, offline) as
// prisma/postgres/migrations/NNN.do.<name>.sql for the runner (lib/db/postgres-migrate.ts); then
// generates the PostgreSQL client. `npm test` fails when this was not run after a schema change.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DIFF_DATABASE_URL, expectedPostgresSchema, GENERATE_DATABASE_URL, POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, POSTGRES_SNAPSHOT } from "./postgres-schema";

const prisma = (args: string[]) => {
  const env = { ...process.env, DATABASE_URL: args[0] === "generate" ? GENERATE_DATABASE_URL : DIFF_DATABASE_URL };
  const run = spawnSync(path.resolve("node_modules/.bin/prisma"), args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env });
  if (run.status !== 0) throw new Error(`prisma ${args.join(" ")} failed`);
  return run.stdout;
};

const schema = expectedPostgresSchema();
fs.mkdirSync(POSTGRES_MIGRATIONS, { recursive: true });
fs.writeFileSync(POSTGRES_SCHEMA, schema);

const snapshot = fs.existsSync(POSTGRES_SNAPSHOT) ? fs.readFileSync(POSTGRES_SNAPSHOT, "utf8") : null;
if (snapshot !== schema) {
  const from = snapshot === null ? ["--from-empty"] : ["--from-schema-datamodel", POSTGRES_SNAPSHOT];
  const sql = prisma(["migrate", "diff", ...from, "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"]);
  const taken = fs.readdirSync(POSTGRES_MIGRATIONS).filter((f) => /^\d+\.do\./.test(f)).length;
  const name = (process.argv[2] ?? "migration").replace(/[^a-z0-9_]+/gi, "_");
  const file = path.join(POSTGRES_MIGRATIONS, `${String(taken + 1).padStart(3, "0")}.do.${name}.sql`);
  fs.writeFileSync(file, sql);
  fs.writeFileSync(POSTGRES_SNAPSHOT, schema);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
} else console.log("PostgreSQL migrations are up to date with the data model");

prisma(["generate", "--schema", POSTGRES_SCHEMA]);
