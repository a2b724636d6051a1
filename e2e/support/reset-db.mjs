// Removes the e2e SQLite database so every `playwright test` run starts from an empty, migrated DB.
import fs from "node:fs";

for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`.data/e2e.db${suffix}`, { force: true });
fs.rmSync(".data/e2e-auth", { recursive: true, force: true });
