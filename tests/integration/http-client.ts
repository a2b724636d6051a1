// Talking to the app like a browser: a cookie-keeping HTTP client, sign-up and next-auth login, and the
// API calls most tests start with.
import { randomBytes } from "node:crypto";
import { assertContract } from "./contract";
import type { CreatedEndpoint } from "./shapes";

export type ApiResponse = { status: number; headers: Headers; text: string; body: unknown };
export type Exchange = { method: string; path: string; status: number; text: string };

type RequestOptions = { json?: unknown; raw?: string; form?: Record<string, string>; headers?: Record<string, string> };

export class HttpClient {
  readonly cookies = new Map<string, string>();
  /** Every response this client received, for "the secret never appears again" checks. */
  readonly transcript: Exchange[] = [];

  constructor(readonly baseUrl: string) {}

  async request(method: string, urlPath: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] = "application/json";
    } else if (options.raw !== undefined) {
      body = options.raw;
      headers["content-type"] ??= "application/json";
    } else if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(this.baseUrl + urlPath, { method, headers, body, redirect: "manual" });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    this.transcript.push({ method, path: urlPath, status: res.status, text });
    // Every /api/v1 answer must match docs/openapi.json (status documented, body valid): a mismatch fails the test.
    assertContract(method, urlPath, res.status, res.headers.get("content-type"), text);
    return { status: res.status, headers: res.headers, text, body: parsed };
  }

  get = (p: string) => this.request("GET", p);
  post = (p: string, json?: unknown) => this.request("POST", p, json === undefined ? {} : { json });
  patch = (p: string, json: unknown) => this.request("PATCH", p, { json });
  delete = (p: string) => this.request("DELETE", p);
}

export type Merchant = { id: string; name: string; email: string; password: string; client: HttpClient };

export const PASSWORD = "correct-horse-battery-staple";

export function uniqueEmail(prefix = "merchant"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.com`;
}

export async function signUp(client: HttpClient, fields: { name: string; email: string; password: string }): Promise<ApiResponse> {
  return client.request("POST", "/api/signup", { json: fields });
}

/** next-auth 4's credentials flow, as the login form does it: CSRF token, then a form post. */
export async function logIn(client: HttpClient, email: string, password: string): Promise<ApiResponse> {
  const csrf = await client.get("/api/auth/csrf");
  const { csrfToken } = csrf.body as { csrfToken: string };
  return client.request("POST", "/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: `${client.baseUrl}/` },
  });
}

export async function signUpAndLogIn(client: HttpClient, name = "Test Merchant"): Promise<Merchant> {
  const email = uniqueEmail();
  const created = await signUp(client, { name, email, password: PASSWORD });
  if (created.status !== 201) throw new Error(`signup answered ${created.status}: ${created.text}`);
  const login = await logIn(client, email, PASSWORD);
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
  const me = await client.get("/api/v1/merchant");
  if (me.status !== 200) throw new Error(`GET /api/v1/merchant after login answered ${me.status}: ${me.text}`);
  const { id } = me.body as { id: string };
  return { id, name, email, password: PASSWORD, client };
}

export async function createEndpoint(
  client: HttpClient,
  input: { url: string; description?: string; eventTypes?: string[]; headers?: Record<string, string> },
): Promise<CreatedEndpoint> {
  const res = await client.post("/api/v1/webhooks", input);
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${res.text}`);
  return res.body as CreatedEndpoint;
}
