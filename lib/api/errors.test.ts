// parseJsonBody and handleApiError: the single path every route's bad input goes through.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, ERROR_STATUS, handleApiError, parseJsonBody } from "./errors";

const schema = z.strictObject({ name: z.string() });
const req = (body: string, headers: Record<string, string> = {}) => new Request("http://x/", { method: "POST", body, headers });

async function refusal(body: string, headers?: Record<string, string>) {
  try {
    await parseJsonBody(req(body, headers), schema);
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

describe("parseJsonBody", () => {
  it("parses valid JSON through the schema, keeping paired surrogates (emoji) intact", async () => {
    expect(await parseJsonBody(req('{"name":"party \\ud83c\\udf89"}'), schema)).toEqual({ name: "party 🎉" });
    expect(await parseJsonBody(req('{"name":"\u202eRTL \u200b zero-width"}'), schema)).toEqual({ name: "\u202eRTL \u200b zero-width" });
  });

  it.each(["{", '{"name":', "{name: 1}", "nul", '"unterminated'])("answers malformed JSON %j with 400 bad_request", async (body) => {
    expect(await refusal(body)).toMatchObject({ code: "bad_request", status: 400 });
  });

  it.each([
    ["a lone high surrogate in a value", '{"name":"a\\ud800b"}'],
    ["a lone low surrogate in a value", '{"name":"\\udfff"}'],
    ["reversed halves", '{"name":"\\udf89\\ud83c"}'],
    ["a lone surrogate in a key", '{"\\ud800":"x"}'],
    ["a lone surrogate deep inside", '{"name":"x","a":[{"b":["\\udbff"]}]}'],
  ])("answers %s with 400 bad_request naming the problem", async (_, body) => {
    const error = await refusal(body);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "bad_request", status: 400, message: expect.stringMatching(/unpaired Unicode surrogate/) });
  });

  it("answers a body over 64 KiB with 413, by header or by actual size", async () => {
    expect(await refusal("{}", { "content-length": String(65 * 1024) })).toMatchObject({ code: "payload_too_large", status: 413 });
    expect(await refusal(JSON.stringify({ name: "x".repeat(65 * 1024) }))).toMatchObject({ code: "payload_too_large", status: 413 });
  });

  it("leaves schema violations to zod (422 through handleApiError)", async () => {
    const error = await refusal('{"name":1}');
    const res = handleApiError(error);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: { code: "validation_failed", message: "Some fields are invalid", fields: { name: expect.any(String) } } });
  });
});

describe("ApiError", () => {
  it("takes its status from the code, so the two cannot disagree", async () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect(new ApiError(code as keyof typeof ERROR_STATUS, "m").status).toBe(status);
    expect(new ApiError("forbidden", "Cross-site requests are not allowed").status).toBe(403);
    const res = handleApiError(new ApiError("rate_limited", "Slow down", { headers: { "Retry-After": "3" } }));
    expect([res.status, res.headers.get("retry-after")]).toEqual([429, "3"]);
    expect(await res.json()).toEqual({ error: { code: "rate_limited", message: "Slow down" } });
  });

  it("answers anything unknown with a generic 500 that shows nothing internal", async () => {
    const res = handleApiError(new Error("SQLITE_BUSY at /srv/db"));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal_error", message: "Something went wrong on our side" } });
  });
});
