// The API contract check: every /api/v1 response a test receives is checked against the committed OpenAPI
// document (docs/openapi.json, kept fresh by lib/openapi/fresh.test.ts). The route and method must be
// documented, the status must be one of the operation's, and the body must be valid against that
// status's schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 writes it; response objects are closed, so an
// extra field fails). http-client.ts calls assertContract on every response; a mismatch fails the test.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const DOCUMENT_PATH = fileURLToPath(new URL("../../docs/openapi.json", import.meta.url));
const DOCUMENT_ID = "dashx-openapi.json";

type MediaType = { schema?: object };
type Response = { content?: Record<string, MediaType> };
type Operation = { operationId: string; responses: Record<string, Response> };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; webhooks?: Record<string, Record<string, { requestBody?: { content?: Record<string, MediaType> } }>> };

// ajv-formats is CommonJS with a default export; under NodeNext the namespace carries it as `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

let loaded: { document: OpenApiDocument; ajv: Ajv2020; routes: Array<{ template: string; pattern: RegExp; params: number }> } | undefined;

function load() {
  if (loaded) return loaded;
  const document = JSON.parse(fs.readFileSync(DOCUMENT_PATH, "utf8")) as OpenApiDocument;
  // strict: false ignores OpenAPI's own words in the document (paths, example, …) that are not JSON Schema.
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema(document, DOCUMENT_ID);
  const routes = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+") + "$"),
    params: (template.match(/\{/g) ?? []).length,
  }));
  // A static segment wins over a parameter (as Next's router does).
  routes.sort((a, b) => a.params - b.params);
  loaded = { document, ajv, routes };
  return loaded;
}

const pointer = (...parts: string[]) => "#/" + parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
const validators = new Map<string, ValidateFunction>();

/** A validator for a schema of the document, by JSON pointer from its root. */
export function schemaAt(...parts: string[]): ValidateFunction {
  const ref = DOCUMENT_ID + pointer(...parts);
  let validate = validators.get(ref);
  if (!validate) validators.set(ref, (validate = load().ajv.compile({ $ref: ref })));
  return validate;
}

export const documentedTemplate = (requestPath: string): string | undefined => load().routes.find((r) => r.pattern.test(requestPath))?.template;

export function loadDocument(): OpenApiDocument {
  return load().document;
}

const describeErrors = (validate: ValidateFunction) =>
  (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || "(body)"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`)
    .join("; ");

/** What is wrong with this response by the document (empty when it matches). */
export function contractProblems(method: string, url: string, status: number, contentType: string | null, text: string): string[] {
  const requestPath = new URL(url, "http://x").pathname;
  const route = `${method.toUpperCase()} ${requestPath} → ${status}`;
  const template = documentedTemplate(requestPath);
  if (!template) return [`${route}: no path of docs/openapi.json matches ${requestPath} (add the route's defineOperation in lib/openapi/operations/ and run npm run openapi)`];
  const operation = load().document.paths[template]?.[method.toLowerCase()];
  if (!operation) return [`${route}: ${method.toUpperCase()} ${template} is not in docs/openapi.json (add its defineOperation in lib/openapi/operations/ and run npm run openapi)`];
  const response = operation.responses[String(status)];
  if (!response) return [`${route}: status ${status} is not documented for ${operation.operationId} (${method.toUpperCase()} ${template}; documented: ${Object.keys(operation.responses).join(", ")}). Body: ${text.slice(0, 300)}`];
  const media = response.content?.["application/json"];
  if (!media) return text === "" ? [] : [`${route}: ${operation.operationId} documents no body for ${status}, got ${text.slice(0, 200)}`];
  if (!contentType?.includes("application/json")) return [`${route}: ${operation.operationId} answers JSON for ${status}, got content-type ${contentType ?? "(none)"}`];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`${route}: the body is not JSON: ${text.slice(0, 200)}`];
  }
  const validate = schemaAt("paths", template, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema");
  return validate(body) ? [] : [`${route}: the body does not match ${operation.operationId}'s ${status} schema: ${describeErrors(validate)}. Body: ${text.slice(0, 300)}`];
}

export class ContractViolation extends Error {}

/** Throws when an /api/v1 response does not match the document. */
export function assertContract(method: string, url: string, status: number, contentType: string | null, text: string): void {
  if (!new URL(url, "http://x").pathname.startsWith("/api/v1/")) return;
  const problems = contractProblems(method, url, status, contentType, text);
  if (problems.length > 0) throw new ContractViolation(`API contract (docs/openapi.json) violated: ${problems.join("\n")}`);
}
