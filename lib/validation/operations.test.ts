import { describe, expect, it } from "vitest";
import { recoverSchema, statsQuerySchema } from "./operations";

describe("recoverSchema", () => {
  it("accepts ISO 8601 with Z or an offset, dryRun defaulting to false", () => {
    expect(recoverSchema.parse({ since: "2026-01-02T03:04:05Z" })).toEqual({ since: new Date("2026-01-02T03:04:05Z"), dryRun: false });
    expect(recoverSchema.parse({ since: "2026-01-02T05:04:05.250+02:00", dryRun: true }).since.toISOString()).toBe("2026-01-02T03:04:05.250Z");
  });

  it.each(["yesterday", "2026-01-02", "2026-01-02T03:04:05", "2026-02-30T00:00:00Z", "", 1700000000])("refuses %s", (since) => {
    expect(recoverSchema.safeParse({ since }).success).toBe(false);
  });

  it("refuses a time in the future (beyond a minute of clock skew)", () => {
    const r = recoverSchema.safeParse({ since: new Date(Date.now() + 5 * 60_000).toISOString() });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["since"]);
    expect(recoverSchema.safeParse({ since: new Date(Date.now() + 5_000).toISOString() }).success).toBe(true);
  });
});

describe("statsQuerySchema", () => {
  it("takes 24h (default) or 7d only", () => {
    expect(statsQuerySchema.parse({}).window).toBe("24h");
    expect(statsQuerySchema.parse({ window: "7d" }).window).toBe("7d");
    expect(statsQuerySchema.safeParse({ window: "30d" }).success).toBe(false);
  });
});
