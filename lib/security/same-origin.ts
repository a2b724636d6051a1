// CSRF guard for cookie-authenticated, state-changing requests. next-auth's CSRF token covers only its
// own routes; our API relies on the browser's Sec-Fetch-Site and Origin headers instead.
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// 403, not 401: the caller is logged in; the request is refused for where it came from.
const crossSite = () => new ApiError("forbidden", "Cross-site requests are not allowed");

export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw crossSite();
  }
  const origin = req.headers.get("origin");
  if (origin) {
    // X-Forwarded-Host is whatever the client sent unless a trusted proxy overwrote it: with it an
    // attacker's page could name its own host and pass this check.
    const forwarded = env().TRUST_PROXY ? req.headers.get("x-forwarded-host") : null;
    const host = forwarded ?? req.headers.get("host");
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (!host || originHost !== host) throw crossSite();
  }
}
