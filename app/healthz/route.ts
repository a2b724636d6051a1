// GET /healthz : liveness for load balancers and orchestrators. The process answers; nothing else is
// checked (no database), so a slow database never gets a healthy process restarted.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
