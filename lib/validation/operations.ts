// Schemas for the endpoint operations of issue 11: recover (and Retry now, the same body), stats.
import { z } from "zod";

// A little clock skew between a browser and the server is not "the future".
const FUTURE_TOLERANCE_MS = 60_000;

export const recoverSchema = z.strictObject({
  since: z.iso
    .datetime({ offset: true, error: "Enter a time in ISO 8601 with a time zone, such as 2026-12-01T09:00:00Z" })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() <= Date.now() + FUTURE_TOLERANCE_MS, "The time must not be in the future"),
  dryRun: z.boolean().default(false),
});
export type RecoverInput = z.input<typeof recoverSchema>;

// GET .../recover?since= (the older form) or ?recovery=<id> (what POST answered: exactly that set).
export const recoverProgressSchema = z.object({ since: recoverSchema.shape.since });
export const recoveryProgressSchema = z.object({ recovery: z.string().min(1).max(64) });

export const STATS_WINDOWS = ["24h", "7d"] as const;
export type StatsWindow = (typeof STATS_WINDOWS)[number];
export const statsQuerySchema = z.object({ window: z.enum(STATS_WINDOWS).default("24h") });
