// CSRF guard for cookie-authenticated, state-changing requests. next-auth's CSRF token covers only its
// own routes; our API relies on the browser's Sec-Fetch-Site and Origin headers instead.
import { ApiError } from "@/lib/api/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new ApiError("unauthorized", 401, "Cross-site requests are not allowed");
  }
  const origin = req.headers.get("origin");
  if (origin) {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (!host || originHost !== host) throw new ApiError("unauthorized", 401, "Cross-site requests are not allowed");
  }
}
