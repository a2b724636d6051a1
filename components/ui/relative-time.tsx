import { formatTime } from "@/lib/format-time";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  // Past moments this close read as "just now"; a future one (a retry) counts down in seconds.
  if (seconds > 0 && seconds < 45) return relative.format(seconds, "second");
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "minute") return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(seconds, "second");
}

/** When a retry is due: "in 5 minutes", or "due now" once its time has come. */
export const formatDue = (iso: string, now: Date): string => (new Date(iso) <= now ? "due now" : formatRelative(new Date(iso), now));

/** "3 minutes ago", with the exact UTC time on hover. `now` comes from the server render so hydration matches. */
export function RelativeTime({ iso, now }: { iso: string; now: Date }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={formatTime(date)} className="whitespace-nowrap">
      {formatRelative(date, now)}
    </time>
  );
}
