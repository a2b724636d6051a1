// One error path: domain code throws ApiError; handleApiError turns anything into the public shape.
import { NextResponse } from "next/server";
import { ZodError, type z } from "zod";

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "not_found"
  | "conflict"
  | "webhook_limit_reached"
  | "validation_failed"
  | "payload_too_large"
  | "rate_limited"
  | "internal_error";

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = "Webhook endpoint") => new ApiError("not_found", 404, `${what} not found`);

/** First message per field path ("url", "data.object.amountTotal"), for inline form errors. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function handleApiError(error: unknown): NextResponse {
  if (error instanceof ApiError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) } },
      { status: error.status, headers: error.headers },
    );
  }
  if (error instanceof ZodError) {
    return NextResponse.json(
      { error: { code: "validation_failed", message: "Some fields are invalid", fields: fieldErrors(error) } },
      { status: 422 },
    );
  }
  console.error("Unhandled API error", error instanceof Error ? error.stack : error);
  return NextResponse.json({ error: { code: "internal_error", message: "Something went wrong on our side" } }, { status: 500 });
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
  if (length > MAX_BODY_BYTES) throw new ApiError("payload_too_large", 413, "Request body is larger than 64 KiB");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiError("payload_too_large", 413, "Request body is larger than 64 KiB");
  let json: unknown;
  try {
    json = text.trim() === "" ? {} : JSON.parse(text, refuseUnpairedSurrogates);
  } catch (error) {
    if (error instanceof UnpairedSurrogate) throw new ApiError("bad_request", 400, "Request body contains an unpaired Unicode surrogate (\\uD800-\\uDFFF); send valid UTF-8 text");
    throw new ApiError("bad_request", 400, "Request body is not valid JSON");
  }
  return schema.parse(json);
}
