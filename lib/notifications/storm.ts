// Never a storm: at most EMAILS_PER_ENDPOINT_PER_HOUR emails about one endpoint in any rolling hour (the
// digest counts as one). A notice past the cap is held, and all held notices of the endpoint go out as
// ONE digest when the window has room again (the oldest counted email is an hour old). Security notices
// are never folded. Pure: the dispatcher reads the window from the outbox and applies the verdict.
export const EMAILS_PER_ENDPOINT_PER_HOUR = 3;
export const STORM_WINDOW_MS = 3_600_000;
/** delivery.exhausted is emailed once its hourly row has stopped growing for this long (or its hour is over). */
export const EXHAUSTED_QUIET_MS = 30_000;

/** The emails of this endpoint counted by the cap: created within the window, sent or still to send. */
export type StormWindow = { count: number; oldest: Date | null };

export type EmailVerdict = { action: "send" } | { action: "hold"; until: Date };

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - STORM_WINDOW_MS);
}

/** When the window has room for one more email: the oldest counted email's hour is over. */
export function roomAt(window: StormWindow, now: Date): Date {
  return window.oldest ? new Date(window.oldest.getTime() + STORM_WINDOW_MS) : now;
}

export function decideEmail(input: { security: boolean; endpointId: string | null; window: StormWindow; now: Date }): EmailVerdict {
  if (input.security || input.endpointId === null) return { action: "send" };
  if (input.window.count < EMAILS_PER_ENDPOINT_PER_HOUR) return { action: "send" };
  return { action: "hold", until: roomAt(input.window, input.now) };
}

/** Whether the held notices of an endpoint may go out as their digest now (the window has room). */
export function digestDue(window: StormWindow): boolean {
  return window.count < EMAILS_PER_ENDPOINT_PER_HOUR;
}

/** delivery.exhausted: ready once quiet for EXHAUSTED_QUIET_MS, or once the hour it counts is over. */
export function exhaustedReady(row: { updatedAt: Date; createdAt: Date }, now: Date): boolean {
  const hourOver = Math.floor(row.createdAt.getTime() / STORM_WINDOW_MS) < Math.floor(now.getTime() / STORM_WINDOW_MS);
  return hourOver || now.getTime() - row.updatedAt.getTime() >= EXHAUSTED_QUIET_MS;
}
