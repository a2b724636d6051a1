// GET /metrics, answered the same by the web server (app/metrics/route.ts) and by a standalone
// worker's metrics port (metrics-server.ts). Off unless METRICS_TOKEN is set: then it does not exist
// (404), so a default install exposes nothing; with it, only `Authorization: Bearer <token>` reads.
import { ApiError, handleApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { bearerTokenMatches } from "@/lib/security/bearer-token";
import { METRICS_CONTENT_TYPE, renderMetrics } from "./metrics";

export async function serveMetrics(req: Request): Promise<Response> {
  try {
    const token = env().METRICS_TOKEN;
    if (token === undefined) throw new ApiError("not_found", "Not found");
    if (!bearerTokenMatches(req.headers.get("authorization"), token)) {
      throw new ApiError("unauthorized", "A valid metrics token is required", { headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
    }
    return new Response(await renderMetrics(), { headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" } });
  } catch (error) {
    return handleApiError(error);
  }
}
