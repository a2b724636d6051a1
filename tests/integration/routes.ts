// The merchant API's routes as the app declares them, for tests that must cover every route.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./harness";

export type ApiRoute = { method: string; template: string };

/**
 * The /api/v1 routes anyone may call (no merchant, no tenant data): the OpenAPI document and the event
 * catalog, public as Stripe's and Svix's are. Left out of apiV1Routes() unless asked for, so the
 * auth and isolation inventories cover every other route.
 */
export const PUBLIC_API_ROUTES = ["GET /api/v1/openapi.json", "GET /api/v1/event-types"];

/**
 * Every route file under app/api/v1 and the methods it exports, as path templates (`/api/v1/webhooks/[id]`),
 * sorted; the public ones (PUBLIC_API_ROUTES) only with `{ public: true }`.
 */
export function apiV1Routes(options: { public?: boolean } = {}): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const methods = new Set<string>();
        for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]);
        for (const m of source.matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]);
        const template = "/" + path.relative(path.join(ROOT, "app"), path.dirname(full)).split(path.sep).join("/");
        for (const method of methods) routes.push({ method, template });
      }
    }
  };
  walk(path.join(ROOT, "app", "api", "v1"));
  return routes
    .filter((r) => options.public || !PUBLIC_API_ROUTES.includes(`${r.method} ${r.template}`))
    .sort((a, b) => (a.template + a.method).localeCompare(b.template + b.method));
}
