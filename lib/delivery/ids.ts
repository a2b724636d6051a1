import { randomBytes } from "node:crypto";

/** Sortable, unique ids for rows the engine creates (Prisma reads any string id). */
export const newId = (prefix: string) => prefix + Date.now().toString(36).padStart(9, "0") + randomHex8();

// randomBytes per id costs a syscall; draw from a pooled buffer instead (same CSPRNG).
let pool = Buffer.alloc(0);
let offset = 0;
function randomHex8(): string {
  if (offset + 8 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += 8;
  return pool.toString("hex", offset - 8, offset);
}
