// Where next-auth may send the browser after sign-in or sign-out: only somewhere on this site. next-auth
// answers 500 ("server configuration") on every /api/auth route when the callbackUrl in the query or in its
// cookie is not an http(s) URL (`javascript:…`, garbage), and the cookie then blocks sign-in in that browser:
// the route drops such a value first (isHttpCallbackUrl), and the redirect callback (safeRedirect) turns any
// other URL that is not ours into the home page.

/** The check next-auth's config assertion makes: an http(s) URL, or a path resolved against this site. */
export function isHttpCallbackUrl(value: string, baseUrl: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? baseUrl : undefined).protocol);
  } catch {
    return false;
  }
}

/** `url` when it is a path on this site or an absolute URL of `baseUrl`'s origin; otherwise `baseUrl`. */
export function safeRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${baseUrl}${url}`;
  try {
    const parsed = new URL(url);
    if ((parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.origin === new URL(baseUrl).origin) return parsed.toString();
  } catch {
    // not a URL at all
  }
  return baseUrl;
}
