// The replaced secrets of an endpoint that still sign (Endpoint.previousSecrets, JSON). Each rotation
// keeps the outgoing secret for its own overlap, so rotating twice in a day never cuts off a secret a
// merchant was promised 24 h for; at most MAX_PREVIOUS_SECRETS are kept (the oldest goes first).
import { z } from "zod";

export const MAX_PREVIOUS_SECRETS = 5;

export type PreviousSecret = { ciphertext: string; expiresAt: Date };

const stored = z.array(z.object({ ciphertext: z.string().min(1), expiresAt: z.union([z.string(), z.number()]) }));

/** Reads the column's value (null, or what encodePreviousSecrets or the migration from the single-secret columns wrote). */
export function parsePreviousSecrets(value: unknown): PreviousSecret[] {
  const parsed = stored.safeParse(value ?? []);
  if (!parsed.success) return [];
  return parsed.data
    .map((s) => ({ ciphertext: s.ciphertext, expiresAt: new Date(s.expiresAt) }))
    .filter((s) => !Number.isNaN(s.expiresAt.getTime()));
}

export type StoredPreviousSecret = { ciphertext: string; expiresAt: string };

/** The column's value: null when there is none. */
export function encodePreviousSecrets(secrets: PreviousSecret[]): StoredPreviousSecret[] | null {
  if (secrets.length === 0) return null;
  return secrets.map((s) => ({ ciphertext: s.ciphertext, expiresAt: s.expiresAt.toISOString() }));
}

/** The secrets still signing at `now`, newest first. */
export function activePreviousSecrets(secrets: PreviousSecret[], now: Date): PreviousSecret[] {
  return secrets.filter((s) => s.expiresAt > now).sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
}

/** After a rotation: the outgoing secret first, then the ones still within their overlap, capped. */
export function afterRotation(current: PreviousSecret[], outgoing: PreviousSecret, now: Date): PreviousSecret[] {
  return [outgoing, ...activePreviousSecrets(current, now)].slice(0, MAX_PREVIOUS_SECRETS);
}
