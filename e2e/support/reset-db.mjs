// Empties the e2e database (e2e-database.mjs) so every `playwright test` run starts from a fresh, migrated one.
import fs from "node:fs";
import { resetDatabase } from "./e2e-database.mjs";

await resetDatabase(process.env.DATABASE_URL ?? "file:./.data/e2e.db");
fs.rmSync(".data/e2e-auth", { recursive: true, force: true });
