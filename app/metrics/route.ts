// GET /metrics : Prometheus text format, behind METRICS_TOKEN (404 when unset).
import { serveMetrics } from "@/lib/ops/serve-metrics";

export const dynamic = "force-dynamic";

export const GET = (req: Request) => serveMetrics(req);
