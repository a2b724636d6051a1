// Keyset pagination: cursors round-trip, bad ones are a 400, and pages hand over exactly once.
import { describe, expect, it } from "vitest";
import { pageQuerySchema } from "@/lib/validation/pagination";
import { afterCursor, decodeCursor, encodeCursor, page } from "./pagination";

const row = (n: number) => ({ id: `id-${String(n).padStart(3, "0")}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)) });

describe("cursors", () => {
  it("round-trip a row's (createdAt, id)", () => {
    const r = row(7);
    expect(decodeCursor(encodeCursor(r))).toEqual(r);
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor("")).toBeUndefined();
  });

  it.each([
    ["not base64 of anything useful", "garbage"],
    ["no id", Buffer.from("2026-01-01T00:00:00.000Z|").toString("base64url")],
    ["not a date", Buffer.from("yesterday|abc").toString("base64url")],
    ["a year past 9999", Buffer.from("+010000-01-01T00:00:00.000Z|abc").toString("base64url")],
    ["a year before 1970", Buffer.from("1969-12-31T23:59:59.000Z|abc").toString("base64url")],
  ])("refuses a cursor with %s as 400 bad_request", (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: "bad_request", status: 400 }));
  });
});

describe("afterCursor", () => {
  it("is no filter without a cursor, and the index-friendly form with one", () => {
    expect(afterCursor(undefined)).toEqual({});
    const c = row(3);
    expect(afterCursor(c)).toEqual({ createdAt: { lte: c.createdAt }, OR: [{ createdAt: { lt: c.createdAt } }, { id: { lt: c.id } }] });
  });
});

describe("page", () => {
  // Newest first, as newestFirst orders them; a page is asked for with take: limit + 1.
  const rows = Array.from({ length: 7 }, (_, i) => row(7 - i));

  it("trims the extra row and points the next cursor at the last row shown", () => {
    const { items, nextCursor } = page(rows.slice(0, 4), 3);
    expect(items.map((r) => r.id)).toEqual(["id-007", "id-006", "id-005"]);
    expect(decodeCursor(nextCursor ?? undefined)).toEqual(row(5));
  });

  it("has no next cursor on the last page", () => {
    expect(page(rows.slice(0, 3), 3).nextCursor).toBeNull();
    expect(page([], 3)).toEqual({ items: [], nextCursor: null });
  });

  it("walks every row exactly once, ties on createdAt broken by id", () => {
    const tied = [...rows, { id: "id-000b", createdAt: row(1).createdAt }, { id: "id-000a", createdAt: row(1).createdAt }].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    );
    const after = (c: ReturnType<typeof decodeCursor>) =>
      c ? tied.filter((r) => r.createdAt <= c.createdAt && (r.createdAt < c.createdAt || r.id < c.id)) : tied;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { items, nextCursor }: { items: typeof tied; nextCursor: string | null } = page(after(decodeCursor(cursor ?? undefined)).slice(0, 3), 2);
      seen.push(...items.map((r) => r.id));
      cursor = nextCursor;
    } while (cursor);
    expect(seen).toEqual(tied.map((r) => r.id));
  });
});

describe("pageQuerySchema", () => {
  it("defaults the limit to 25 and bounds it to 1..100", () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: 25 });
    expect(pageQuerySchema.parse({ limit: "100", cursor: "abc" })).toEqual({ limit: 100, cursor: "abc" });
    for (const limit of ["0", "101", "2.5", "ten"]) expect(pageQuerySchema.safeParse({ limit }).success, limit).toBe(false);
  });
});
