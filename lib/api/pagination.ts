// Keyset pagination over (createdAt, id) descending: stays fast however deep the list goes.
// The query schema (cursor, limit) is lib/validation/pagination.ts.
import { ApiError } from "./errors";

export type Cursor = { createdAt: Date; id: string };

/**
 * Every keyset-paginated list answers with this envelope (GET /api/v1/events, /api/v1/webhooks/{id}/deliveries):
 * a page of items, each already parsed through its public schema, and the cursor of the next page (null on the last).
 */
export type KeysetPage<T> = { data: T[]; nextCursor: string | null };

export function encodeCursor(row: Cursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  // Years past 9999 parse ("+010000-…") but no database date column holds them.
  const year = createdAt.getUTCFullYear();
  if (!id || Number.isNaN(createdAt.getTime()) || year < 1970 || year > 9999) throw new ApiError("bad_request", "The cursor is not valid");
  return { createdAt, id };
}

/**
 * The `where` fragment for rows strictly after the cursor in (createdAt desc, id desc) order. Written as
 * `createdAt <= c AND (createdAt < c OR id < i)` rather than the equivalent `createdAt < c OR (createdAt = c
 * AND id < i)`: SQLite seeks the (…, createdAt, id) index with the first form, but walks every newer row
 * with the second (0.05 ms vs 240 ms for a page at row 999,000 of one endpoint's million deliveries).
 */
export function afterCursor(cursor: Cursor | undefined) {
  if (!cursor) return {};
  return { createdAt: { lte: cursor.createdAt }, OR: [{ createdAt: { lt: cursor.createdAt } }, { id: { lt: cursor.id } }] };
}

export const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Fetch limit + 1 rows; this trims the extra one and turns it into the next cursor. */
export function page<T extends Cursor>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
}
