// The document is valid OpenAPI 3.1 (swagger-parser), passes Redocly's recommended lint with no error,
// and every example in it is valid against the schema it illustrates.
import SwaggerParser from "@apidevtools/swagger-parser";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "@/lib/api/errors";
import { loadDocument, schemaAt } from "@/tests/integration/contract";
import { buildDocument } from "./document";
import { listEventsQuerySchema } from "@/lib/validation/events";
import { describePaging, operationErrors } from "./define";
import { OPERATIONS } from "./operations";

type Media = { schema?: object; example?: unknown; examples?: Record<string, { value: unknown }> };

describe("the OpenAPI document", () => {
  const document = buildDocument();

  it("is valid OpenAPI 3.1 by swagger-parser", async () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it("has no error by Redocly's recommended ruleset", async () => {
    const config = await createConfig({ extends: ["recommended"], rules: { "no-server-example.com": "off" } });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: "/openapi.json", config });
    const errors = problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it("has a unique operationId, a summary and a tag on every operation", () => {
    const ids = OPERATIONS.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of OPERATIONS) expect(op.summary.length, op.operationId).toBeGreaterThan(0);
  });

  it("documents each operation's error codes under the status the code maps to", () => {
    for (const op of OPERATIONS) {
      const responses = (document.paths?.[op.path] as Record<string, { responses: Record<string, { content?: Record<string, Media> }> }>)[op.method].responses;
      for (const code of operationErrors(op)) {
        const media = responses[String(ERROR_STATUS[code])]?.content?.["application/json"];
        expect(media?.examples?.[code], `${op.operationId} ${code}`).toBeDefined();
      }
    }
  });

  it("has an example for every request body and every response with a body, each valid against its schema", () => {
    const committed = loadDocument();
    const problems: string[] = [];
    let checked = 0;
    for (const [template, item] of Object.entries(committed.paths)) {
      for (const [method, op] of Object.entries(item) as Array<[string, { requestBody?: { content: Record<string, Media> }; responses: Record<string, { content?: Record<string, Media> }> }]>) {
        const check = (where: string[], media: Media) => {
          const samples = media.examples ? Object.values(media.examples).map((e) => e.value) : [media.example];
          if (samples.length === 0 || samples[0] === undefined) return problems.push(`${method} ${template} ${where.join(" ")}: no example`);
          const validate = schemaAt("paths", template, method, ...where, "content", "application/json", "schema");
          for (const sample of samples) {
            checked++;
            if (!validate(sample)) problems.push(`${method} ${template} ${where.join(" ")}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
          }
        };
        const body = op.requestBody?.content["application/json"];
        if (body) check(["requestBody"], body);
        for (const [status, response] of Object.entries(op.responses)) {
          const media = response.content?.["application/json"];
          if (media) check(["responses", status], media);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(OPERATIONS.length);
  });

  it("closes every response object it promises (additionalProperties: false), so an extra field fails the contract check", () => {
    const endpoint = document.components?.schemas?.Endpoint as { additionalProperties?: boolean };
    expect(endpoint.additionalProperties).toBe(false);
  });

  it("describes the paging parameters without changing what the query accepts", () => {
    const described = describePaging(listEventsQuerySchema);
    for (const q of [{}, { limit: "10", cursor: "abc" }, { limit: "0" }, { limit: "101" }, { cursor: "x".repeat(201) }, { type: "checkout_session.expired" }, { type: "nope" }]) {
      expect(described.safeParse(q), JSON.stringify(q)).toEqual(listEventsQuerySchema.safeParse(q));
    }
  });
});
