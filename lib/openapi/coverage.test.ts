// Route files ⇄ document, both ways: every method a route file under app/api/v1 exports is documented, and
// every documented operation is served by a route file. The failure lists exactly what is missing.
import { describe, expect, it } from "vitest";
import { apiV1Routes } from "@/tests/integration/routes";
import { OPERATIONS } from "./operations";

/** `/api/v1/webhooks/[id]` → `/api/v1/webhooks/{id}` */
const toTemplate = (folder: string) => folder.replace(/\[([^\]]+)\]/g, "{$1}");

describe("route coverage of the OpenAPI document", () => {
  const served = apiV1Routes({ public: true }).map((r) => `${r.method} ${toTemplate(r.template)}`);
  const documented = OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`);

  it("documents every route and method the app serves", () => {
    const missing = served.filter((r) => !documented.includes(r));
    expect(missing, `Served but not in the document (add a defineOperation in lib/openapi/operations/, then npm run openapi):\n${missing.join("\n")}`).toEqual([]);
  });

  it("documents nothing the app does not serve", () => {
    const extra = documented.filter((r) => !served.includes(r));
    expect(extra, `Documented but no route file exports it:\n${extra.join("\n")}`).toEqual([]);
  });

  it("walks the real tree", () => {
    expect(served).toContain("POST /api/v1/webhooks");
    expect(served).toContain("GET /api/v1/openapi.json");
  });
});
