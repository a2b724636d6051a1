// One error path: domain code throws ApiError; handleApiError turns anything into the public shape.
import { NextResponse } from "next/server";
import { ZodError, type z } from "zod";
import { fieldErrors } from "@/lib/validation/field-errors";

/**
 * Every error code the API answers with, and its HTTP status: the status is derived from the code, so the
 * two can never disagree (dub's ErrorCode → status table).
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  webhook_limit_reached: 409,
  payload_too_large: 413,
  validation_failed: 422,
  rate_limited: 429,
  internal_error: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

type Extra = { fields?: Record<string, string>; headers?: Record<string, string> };

export class ApiError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: (typeof ERROR_STATUS)[C];
  readonly fields?: Record<string, string>;
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: C,
    message: string,
    extra: Extra = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
    this.fields = extra.fields;
    this.headers = extra.headers;
  }
}

/** 422 with one message per field, the shape a ZodError gets: for rules only the server can check. */
export const invalidFields = (fields: Record<string, string>) => new ApiError("validation_failed", "Some fields are invalid", { fields });

export const notFound = (what = "Webhook endpoint") => new ApiError("not_found", `${what} not found`);

export function handleApiError(error: unknown): NextResponse {
  if (error instanceof ApiError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) } },
      { status: error.status, headers: error.headers },
    );
  }
  if (error instanceof ZodError) {
    return handleApiError(invalidFields(fieldErrors(error)));
  }
  console.error("Unhandled API error", error instanceof Error ? error.stack : error);
  return handleApiError(new ApiError("internal_error", "Something went wrong on our side"));
}

const MAX_BODY_BYTES = 64 * 1024;

// JSON can spell a lone UTF-16 surrogate ("\ud800") that is not Unicode text; Prisma's engine refuses such
// strings, so they would surface as a 500. Refused here as malformed input, with every other JSON error.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
class UnpairedSurrogate extends Error {}
const refuseUnpairedSurrogates = (key: string, value: unknown) => {
  if (LONE_SURROGATE.test(key) || (typeof value === "string" && LONE_SURROGATE.test(value))) throw new UnpairedSurrogate();
  return value;
};

/** Reads a JSON body (capped), answering 400 for malformed JSON and 422 for schema violations. */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new ApiError("payload_too_large", "Request body is larger than 64 KiB");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiError("payload_too_large", "Request body is larger than 64 KiB");
  let json: unknown;
  try {
    json = text.trim() === "" ? {} : JSON.parse(text, refuseUnpairedSurrogates);
  } catch (error) {
    if (error instanceof UnpairedSurrogate) throw new ApiError("bad_request", "Request body contains an unpaired Unicode surrogate (\\uD800-\\uDFFF); send valid UTF-8 text");
    throw new ApiError("bad_request", "Request body is not valid JSON");
  }
  return schema.parse(json);
}
