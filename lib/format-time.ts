// The dashboard's one way to write a moment: "7 Dec 2026, 14:05 UTC" (relative times show it on hover).
const format = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

export function formatTime(at: Date | string): string {
  const date = typeof at === "string" ? new Date(at) : at;
  // Some ICU versions write "7 Dec 2026 at 14:05"; keep one shape everywhere.
  return `${format.format(date).replace(" at ", ", ")} UTC`;
}

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** A chart's hour label in the same clock: "14:00" (UTC, like formatTime). */
export function formatHour(at: Date | string): string {
  const date = typeof at === "string" ? new Date(at) : at;
  return `${String(date.getUTCHours()).padStart(2, "0")}:00`;
}

/** A chart's day label in the same order as formatTime: "7 Dec" (UTC). */
export function formatDay(at: Date | string): string {
  return day.format(typeof at === "string" ? new Date(at) : at);
}
