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
