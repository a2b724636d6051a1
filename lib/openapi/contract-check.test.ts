// The integration suite's contract check (tests/integration/contract.ts) refuses what it must: a route or
// status the document does not have, an extra field in a closed object, a body where none is documented.
import { describe, expect, it } from "vitest";
import { contractProblems } from "@/tests/integration/contract";
import { endpointExample } from "./examples";

const json = "application/json";
const ok = (...args: Parameters<typeof contractProblems>) => expect(contractProblems(...args)).toEqual([]);
const fails = (pattern: RegExp, ...args: Parameters<typeof contractProblems>) => expect(contractProblems(...args).join("\n")).toMatch(pattern);

describe("the contract check", () => {
  it("accepts a documented answer", () => {
    ok("GET", "/api/v1/webhooks/abc", 200, json, JSON.stringify(endpointExample));
    ok("DELETE", "/api/v1/webhooks/abc", 204, null, "");
    ok("GET", "/api/v1/webhooks/abc?x=1", 404, json, JSON.stringify({ error: { code: "not_found", message: "Webhook endpoint not found" } }));
  });

  it("names the route and status of an undocumented status", () => {
    fails(/GET \/api\/v1\/webhooks\/abc → 500: status 500 is not documented for getWebhook/, "GET", "/api/v1/webhooks/abc", 500, json, "{}");
  });

  it("names a route or method the document lacks", () => {
    fails(/GET \/api\/v1\/nowhere → 200: no path of docs\/openapi.json matches/, "GET", "/api/v1/nowhere", 200, json, "{}");
    fails(/PUT \/api\/v1\/webhooks is not in docs\/openapi.json/, "PUT", "/api/v1/webhooks", 405, json, "{}");
  });

  it("refuses an extra field, a missing one, a wrong error code, a body on 204", () => {
    fails(/secret/, "GET", "/api/v1/webhooks/abc", 200, json, JSON.stringify({ ...endpointExample, secret: "whsec_x" }));
    const { url: _url, ...noUrl } = endpointExample;
    fails(/must have required property 'url'/, "GET", "/api/v1/webhooks/abc", 200, json, JSON.stringify(noUrl));
    fails(/must be equal to one of the allowed values/, "GET", "/api/v1/webhooks/abc", 404, json, JSON.stringify({ error: { code: "gone", message: "x" } }));
    fails(/documents no body for 204/, "DELETE", "/api/v1/webhooks/abc", 204, json, "{}");
    fails(/content-type/, "GET", "/api/v1/webhooks/abc", 200, "text/html", "<html>");
  });
});
