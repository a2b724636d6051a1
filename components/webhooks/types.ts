// Shapes of the webhook API responses as the browser sees them (type-only, nothing server-side is bundled).
import { formatLatency } from "@/lib/duration";
import type { TestEventResult } from "@/lib/webhooks/public-test-result";

export type { CreatedEndpoint, PublicEndpoint as Endpoint } from "@/lib/webhooks/public-endpoint";
export type { ProbeResult } from "@/lib/webhooks/public-probe-result";
export type { TestEventResult };

/** "Delivered · 200 · 34 ms" or "Failed · 500 · 12 ms — The endpoint answered HTTP 500". */
export function describeTestResult(result: TestEventResult): string {
  const parts = [result.delivered ? "Delivered" : "Failed", result.statusCode, formatLatency(result.durationMs)].filter((p) => p !== null);
  const summary = parts.join(" · ");
  return result.error && !result.delivered ? `${summary} — ${result.error}` : summary;
}
