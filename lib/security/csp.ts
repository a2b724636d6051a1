// The dashboard's Content Security Policy (proxy.ts sends it on every response): scripts only by nonce.

/**
 * The Content Security Policy for one response. React's development build evaluates code to rebuild
 * server-side stack traces, so `npm run dev` (and only it) adds 'unsafe-eval': without it every page logs
 * a CSP error there. The production build never needs it and never gets it.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'", // inline style attributes from React/Radix; scripts stay nonce-only
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
