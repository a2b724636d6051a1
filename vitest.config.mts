// Two suites: `unit` (pure lib/ and scripts/ logic, fast, parallel) and `integration` (the real app
// started through `npm start`'s entry point and exercised over HTTP, one file at a time).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// .mts so Vite loads it as ESM (a .ts config here is loaded as CommonJS and warns on every run).
const root = fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "");

export default defineConfig({
  resolve: {
    // tsconfig's `@/*` → repo root.
    alias: [{ find: /^@\//, replacement: `${root}/` }],
  },
  test: {
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/node_modules/**", "lib/generated/**"],
          globalSetup: ["lib/delivery/test-db.global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          // Each file starts its own app (and the first may build it): keep them sequential and patient.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
