// A typed client of the DashX Webhooks API over openapi-fetch, its types generated from docs/openapi.json
// (openapi-typescript, `npm run openapi`): every path, parameter, body and response is checked at compile
// time. For servers and scripts (a merchant's API key, or the platform token for POST /api/v1/events).
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { components, operations, paths } from "./openapi-types";

export type { components, operations, paths };
export type DashxClient = Client<paths>;

/** Any error answer of the API: `{ error: { code, message, fields? } }`. */
export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

export type DashxClientOptions = Omit<ClientOptions, "baseUrl"> & {
  /** Where the app is served, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** A merchant API key (`dsk_…`) or, for the intake only, the platform token: sent as `Authorization: Bearer`. */
  token?: string;
};

export function createDashxClient({ baseUrl, token, headers, ...options }: DashxClientOptions): DashxClient {
  const merged = new Headers(headers as HeadersInit | undefined);
  if (token) merged.set("authorization", `Bearer ${token}`);
  return createClient<paths>({ baseUrl: baseUrl.replace(/\/$/, ""), headers: merged, ...options });
}
