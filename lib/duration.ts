// Durations as the environment spells them ("5s", "10m", "5d") and as the dashboard says them ("5 days").
// A leaf: env.ts, the retry schedule, the pages and the components all read durations through this one module.
const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses "1s,2s,5m" into milliseconds. */
export function parseDurations(spec: string): number[] {
  return spec.split(",").map((part) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(part);
    if (!match) throw new Error(`Bad retry delay "${part}": use numbers with ms, s, m, h or d, e.g. 5s,5m,30m`);
    return Math.round(Number(match[1]) * UNITS[match[2]]);
  });
}

/** One duration such as "30d" in milliseconds (the first of a list, as the settings always read it). */
export const parseDuration = (spec: string): number => parseDurations(spec)[0];

/** A measured latency as the dashboard shows it: "34 ms", or "—" when there is none. */
export const formatLatency = (ms: number | null): string => (ms === null ? "—" : `${ms} ms`);

const WORDS: Array<[string, number]> = [["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000], ["second", 1_000]];

/**
 * "5 days", "24 hours", "36 hours", "90 seconds": the largest unit that states the period exactly (else
 * rounded seconds). Days only past one: "24 hours" says an overlap or a window better than "1 day".
 */
export function formatDuration(ms: number): string {
  const [name, size] = WORDS.find(([unit, size]) => ms >= size && ms % size === 0 && !(unit === "day" && ms === size)) ?? ["second", 1_000];
  const n = Math.max(1, Math.round(ms / size));
  return `${n} ${name}${n === 1 ? "" : "s"}`;
}
