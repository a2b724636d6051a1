// One API operation, described beside nothing but the schemas the route already parses with. Each domain
// file under operations/ lists its routes with defineOperation; toPathItem turns one into zod-openapi's
// shape, adding what every route of its kind answers (auth errors, body errors) from lib/api/errors.ts's
// code → status table, so the documented statuses cannot disagree with the ones the code derives.
import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponseObject } from "zod-openapi";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";

export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

/**
 * Who may call it: `merchant` = session cookie or merchant API key; `session` = the dashboard session only;
 * `platform` = the payments core's PLATFORM_API_TOKEN; `public` = anyone.
 */
export type Auth = "merchant" | "session" | "platform" | "public";

export type Tag = "Webhooks" | "Deliveries" | "Events" | "Merchant" | "API keys" | "Account" | "Notifications" | "Developers";

type ZodObjectLike = z.ZodObject<z.ZodRawShape>;

export type SuccessResponse = {
  description: string;
  /** The public schema the lib function parses its answer through; omitted for an empty body (204). */
  schema?: z.ZodType;
  example?: unknown;
  /** Extra response headers. */
  headers?: ZodObjectLike;
};

export type OperationSpec = {
  method: HttpMethod;
  /** OpenAPI path template: `/api/v1/webhooks/{id}` (the route folder `app/api/v1/webhooks/[id]`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: Tag;
  auth: Auth;
  params?: { path?: ZodObjectLike; query?: ZodObjectLike; header?: ZodObjectLike };
  body?: { schema: z.ZodType; example: unknown; description?: string };
  responses: Partial<Record<200 | 201 | 202 | 204, SuccessResponse>>;
  /** The errors the domain function raises, besides those the auth kind and a body or query add. */
  errors?: ErrorCode[];
};

export const defineOperation = (spec: OperationSpec): OperationSpec => spec;

/** The path parameter of every `/{id}` route. */
export const idParam = (what: string) => z.object({ id: z.string().meta({ description: `The ${what}'s id`, example: "cmiv3k8qz0001mx01h2j4k5l6" }) });

const HUMAN: Record<ErrorCode, string> = {
  bad_request: "Malformed request: the body is not JSON, or a cursor is not one this API issued",
  unauthorized: "Not authenticated (no session, or a missing, wrong or revoked token)",
  forbidden: "A cross-site request with the session cookie (CSRF guard)",
  not_found: "No such resource for this merchant (another merchant's ids answer the same)",
  conflict: "The resource is in a state that refuses this now",
  webhook_limit_reached: "The merchant already has 5 webhooks",
  payload_too_large: "The body is larger than 64 KiB",
  validation_failed: "A field is invalid: `fields` maps each path to a message",
  rate_limited: "Too many requests: wait for Retry-After seconds",
  internal_error: "An error on our side",
};

const MESSAGE: Record<ErrorCode, string> = {
  bad_request: "Request body is not valid JSON",
  unauthorized: "Log in or send a valid API key",
  forbidden: "Cross-site requests are not allowed",
  not_found: "Webhook endpoint not found",
  conflict: "This delivery is being sent right now; resend it once it is done",
  webhook_limit_reached: "You can have at most 5 webhooks",
  payload_too_large: "Request body is larger than 64 KiB",
  validation_failed: "Some fields are invalid",
  rate_limited: "Too many requests, try again in 30 seconds",
  internal_error: "Something went wrong on our side",
};

/** The one error envelope, narrowed to the codes a response can carry. */
export function errorEnvelope(codes: readonly ErrorCode[]) {
  return z.strictObject({
    error: z.strictObject({
      code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
      message: z.string().meta({ description: "A human sentence, safe to show" }),
      fields: z.record(z.string(), z.string()).optional().meta({ description: "validation_failed only: each invalid field's path (`url`, `headers.X-Api-Key`, `_` for the whole input) → its message" }),
    }),
  });
}

export const errorExample = (code: ErrorCode) => ({
  error: { code, message: MESSAGE[code], ...(code === "validation_failed" && { fields: { url: "The URL must start with https:// or http://" } }) },
});

/** Every error code an operation can answer with, sorted by status then code. */
export function operationErrors(spec: OperationSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(spec.errors ?? []);
  if (spec.auth !== "public") codes.add("unauthorized");
  // API keys and the platform token spend a rate-limit budget per request.
  if (spec.auth === "merchant" || spec.auth === "platform") codes.add("rate_limited");
  // The CSRF guard refuses a cross-site state change made with the session cookie.
  if ((spec.auth === "merchant" || spec.auth === "session") && spec.method !== "get") codes.add("forbidden");
  if (spec.body) for (const c of ["bad_request", "payload_too_large", "validation_failed"] as const) codes.add(c);
  if (spec.params?.query || spec.params?.header) codes.add("validation_failed");
  if (spec.params?.path) codes.add("not_found");
  return [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b] || a.localeCompare(b));
}

const SECURITY: Record<Auth, Array<Record<string, string[]>>> = {
  merchant: [{ sessionCookie: [] }, { merchantApiKey: [] }],
  session: [{ sessionCookie: [] }],
  platform: [{ platformToken: [] }],
  public: [],
};

export function toOperation(spec: OperationSpec): ZodOpenApiOperationObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    if (!r) continue;
    responses[status] = {
      description: r.description,
      ...(r.headers && { headers: r.headers }),
      ...(r.schema && { content: { "application/json": { schema: r.schema, ...(r.example !== undefined && { example: r.example }) } } }),
    };
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of operationErrors(spec)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  for (const [status, codes] of byStatus) {
    responses[String(status)] = {
      description: codes.map((c) => `\`${c}\`: ${HUMAN[c]}`).join("; "),
      ...(status === 429 && { headers: z.object({ "retry-after": z.string().meta({ description: "Seconds until the budget allows another request" }) }) }),
      content: {
        "application/json": {
          schema: errorEnvelope(codes),
          examples: Object.fromEntries(codes.map((c) => [c, { value: errorExample(c) }])),
        },
      },
    };
  }
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description && { description: spec.description }),
    tags: [spec.tag],
    security: SECURITY[spec.auth],
    ...(spec.params && { requestParams: spec.params }),
    ...(spec.body && {
      requestBody: {
        required: true,
        ...(spec.body.description && { description: spec.body.description }),
        content: { "application/json": { schema: spec.body.schema, example: spec.body.example } },
      },
    }),
    responses,
  };
}

/** A list answered whole: `{ data: T[] }`. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

/** A keyset page (lib/api/pagination.ts's KeysetPage): `{ data: T[], nextCursor }`, null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }) });

/**
 * A keyset list's query schema (lib/validation/pagination.ts's pageQuerySchema, extended) with its paging
 * parameters described for the reader; the same validators, so it accepts exactly what the route does.
 */
export const describePaging = <S extends z.ZodObject<{ cursor: z.ZodOptional<z.ZodString>; limit: z.ZodDefault<z.ZodCoercedNumber> }>>(query: S) =>
  query.extend({
    cursor: query.shape.cursor.meta({ description: "The `nextCursor` of the previous page; omit for the first page" }),
    limit: query.shape.limit.meta({ description: "Items per page (1-100)" }),
  });
