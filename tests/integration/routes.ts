// The merchant API's routes as the app declares them, for tests that must cover every route.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./harness";

export type ApiRoute = { method: string; template: string };

/** Every route file under app/api/v1 and the methods it exports, as path templates (`/api/v1/webhooks/[id]`), sorted. */
export function apiV1Routes(): ApiRoute[] {
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
  return routes.sort((a, b) => (a.template + a.method).localeCompare(b.template + b.method));
}
