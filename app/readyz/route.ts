// GET /readyz : readiness for load balancers (database, migrations, this process's worker heartbeat).
import { checkReadiness } from "@/lib/ops/check-readiness";
import { readinessSchema } from "@/lib/ops/public-readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const { ready, failed, checks } = await checkReadiness();
  return Response.json(readinessSchema.parse({ status: ready ? "ready" : "not_ready", failed, checks }), { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
