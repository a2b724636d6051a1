// docs/openapi.json and lib/client/openapi-types.ts are what `npm run openapi` writes from the code today.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("generated OpenAPI files", () => {
  it("are fresh (else: npm run openapi, and commit)", () => {
    let output = "";
    try {
      execFileSync(process.execPath, ["--import", "tsx", "scripts/openapi.ts", "--check"], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stderr?: string }).stderr ?? error);
    }
    expect(output).toBe("");
  }, 60_000);
});
