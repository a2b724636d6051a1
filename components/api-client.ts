// Browser-side calls to our JSON API, returning the public error shape instead of throwing (forms read
// zod issues with the same fieldErrors the API uses for its 422 `fields`), and next-auth's sign-out.

export type ApiErrorBody = { code: string; message: string; fields?: Record<string, string> };
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiErrorBody };

const NETWORK_ERROR: ApiErrorBody = { code: "network_error", message: "Could not reach DashX. Check your connection and try again." };

function isErrorBody(value: unknown): value is { error: ApiErrorBody } {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

export async function apiRequest<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: NETWORK_ERROR };
  }
  const json: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  if (isErrorBody(json)) return { ok: false, status: res.status, error: json.error };
  return { ok: false, status: res.status, error: { code: "unexpected", message: `Unexpected response (HTTP ${res.status}). Try again.` } };
}

// next-auth's sign-out endpoint called directly: importing next-auth/react for this one call would add
// its client (~12 KiB gzipped) to every dashboard page. The server revokes the session row too.
export async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
}
