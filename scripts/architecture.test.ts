// docs/ARCHITECTURE.md's "Folders, and what a file there may import" table, enforced on the real tree:
// every import / export-from / import() / `import type` specifier of every .ts and .tsx file in app/,
// components/, lib/ (not lib/generated), scripts/, tests/ and e2e/, and of the root's .ts and .mts entry
// files, is resolved to a repo path and checked against RULES below; and every `from` of RULES must stand
// in the table's first column. Change the table and RULES together.
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * A path pattern: `lib/delivery/` is that folder and everything below it, `lib/env.ts` that one file
 * (a specifier names it without the extension), `*` one path segment or part of one.
 */
type Pattern = string;

type Rule = {
  /** The files the rule is for; a file takes the rule of its most specific matching pattern. */
  from: Pattern[];
  /** What they may import besides their own folder (the `from` pattern that matched). */
  may: Pattern[];
  /** What the rule's test files (`*.test.ts`) may import besides: shared test helpers. */
  testsMay?: Pattern[];
  /** What they may import with `import type` / `export type` only. */
  typesOnly?: Pattern[];
  /** Never, even though `may` covers it (e.g. `lib/` but not `lib/db/`). */
  except?: Pattern[];
  /** Packages the rule's non-test files may import: a list of names, "node" (built-ins only) or any (the default). */
  packages?: string[] | "node";
  /** Packages they may never import (the database drivers stay below lib/db). */
  forbidPackages?: string[];
};

const DOMAIN = ["lib/webhooks/", "lib/delivery-log/", "lib/events/", "lib/api-keys/", "lib/merchants/", "lib/auth/", "lib/audit/", "lib/notifications/"];
/** The leaves every domain folder may use (the event catalog is one: the wire format, importing nothing). */
const LEAVES = ["lib/crypto/", "lib/db/", "lib/api/", "lib/validation/", "lib/env.ts", "lib/duration.ts", "lib/shutdown.ts", "lib/events/catalog.ts", "lib/notifications/kinds.ts"];
/** Types only: the data model's row types (lib/generated is the Prisma client lib/db builds on). */
const PRISMA_TYPES = ["lib/generated/"];
/** The domain folders' order, as ARCHITECTURE.md writes it: delivery-log → webhooks; auth → merchants; all → audit. */
const DOMAIN_BELOW: Record<string, Pattern[]> = {
  "lib/delivery-log/": ["lib/webhooks/", "lib/notifications/", "lib/audit/"],
  "lib/webhooks/": ["lib/notifications/", "lib/audit/"],
  "lib/events/": ["lib/audit/"],
  "lib/auth/": ["lib/merchants/", "lib/notifications/", "lib/audit/"],
  "lib/api-keys/": ["lib/notifications/", "lib/audit/"],
  "lib/merchants/": ["lib/audit/"],
  "lib/notifications/": ["lib/audit/"],
  "lib/audit/": [],
};
/** Database access is lib/db's (and the engine's): no page, route handler or component reaches a driver. */
const DATABASE_PACKAGES = ["@prisma/client", "@prisma/adapter-pg", "@prisma/adapter-better-sqlite3", "pg", "better-sqlite3"];
/** The dispatcher counts what it sends on /metrics, as the engine does; its emails write times as the dashboard does. */
const DOMAIN_EXTRA: Record<string, Pattern[]> = { "lib/notifications/": ["lib/ops/metrics.ts", "lib/format-time.ts"] };
const domainRules: Rule[] = DOMAIN.map((folder) => ({
  from: [folder],
  may: [...DOMAIN_BELOW[folder]!, "lib/delivery/", "lib/security/", ...LEAVES, ...(DOMAIN_EXTRA[folder] ?? [])],
  typesOnly: PRISMA_TYPES,
}));

export const RULES: Rule[] = [
  // The root entry files the tools load (next.config.js is plain JS and imports nothing of the repo).
  { from: ["instrumentation.ts"], may: ["lib/delivery/run-worker.ts", "lib/notifications/run-dispatcher.ts", "lib/retention/purge.ts"] },
  { from: ["proxy.ts"], may: ["lib/security/csp.ts"] },
  { from: ["vitest.config.mts"], may: [] },
  { from: ["prisma.config.ts"], may: ["scripts/local-env.ts", "lib/db/sqlite-path.ts"] },
  { from: ["playwright.config.ts"], may: ["e2e/support/"] },
  // app/
  { from: ["app/(auth)/", "app/(dashboard)/", "app/layout.tsx", "app/page.tsx"], may: ["components/", "lib/", "app/globals.css"], except: ["lib/db/", "lib/generated/"], forbidPackages: DATABASE_PACKAGES },
  { from: ["app/api/v1/"], may: ["lib/handlers/", "lib/validation/", "lib/api/", ...DOMAIN, "lib/openapi/"], forbidPackages: DATABASE_PACKAGES },
  // The routes before a merchant exists (sign-up, the login pre-check, next-auth's own): no withMerchant,
  // so they call the same-origin check and the sign-in rate limits themselves.
  { from: ["app/api/"], may: ["lib/handlers/", "lib/validation/", "lib/api/", ...DOMAIN, "lib/security/"], forbidPackages: DATABASE_PACKAGES },
  { from: ["app/healthz/", "app/readyz/", "app/metrics/"], may: ["lib/ops/"], forbidPackages: DATABASE_PACKAGES },
  // components/
  // The keyset list reads the list envelope's type (KeysetPage) from where the server builds it.
  { from: ["components/ui/", "components/dashboard/"], may: ["components/ui/", "components/api-client.ts", "lib/format-time.ts"], typesOnly: ["lib/api/pagination.ts"], forbidPackages: DATABASE_PACKAGES },
  { from: ["components/api-client.ts"], may: [] },
  {
    from: ["components/*/"],
    // endpoint-state.ts: the pure reading of an endpoint's health, shared with the server-rendered pages.
    may: ["components/ui/", "components/dashboard/", "components/api-client.ts", "lib/validation/", "lib/events/catalog.ts", "lib/duration.ts", "lib/format-time.ts", "lib/webhooks/endpoint-state.ts", "lib/notifications/kinds.ts"],
    typesOnly: ["lib/*/public-*.ts", "lib/delivery-log/attempt-stats.ts"],
    forbidPackages: DATABASE_PACKAGES,
  },
  // An event row lists its deliveries with the delivery log's status badge and shapes.
  {
    from: ["components/events/"],
    may: ["components/ui/", "components/dashboard/", "components/api-client.ts", "lib/validation/", "lib/events/catalog.ts", "lib/duration.ts", "components/deliveries/"],
    typesOnly: ["lib/*/public-*.ts"],
    forbidPackages: DATABASE_PACKAGES,
  },
  // lib/, top to bottom
  { from: ["lib/handlers/"], may: ["lib/"] },
  // The OpenAPI document reads the routes' own schemas (validation, public-*.ts) from every domain; its
  // coverage test walks the route files with the integration suite's walker.
  { from: ["lib/openapi/"], may: ["lib/validation/", "lib/api/", "lib/events/catalog.ts", ...DOMAIN], testsMay: ["tests/integration/routes.ts", "tests/integration/contract.ts"] },
  // The typed client stands alone (a later CLI and the tests import it): openapi-fetch and its generated types.
  { from: ["lib/client/"], may: [], packages: ["openapi-fetch"] },
  ...domainRules,
  {
    from: ["lib/delivery/"],
    may: ["lib/crypto/", "lib/db/", "lib/env.ts", "lib/duration.ts", "lib/shutdown.ts", "lib/validation/", "lib/ops/metrics.ts", "lib/ops/heartbeat.ts", "lib/notifications/kinds.ts"],
  },
  // Its PostgreSQL test takes a migrated database from the engine's test helper.
  { from: ["lib/retention/"], may: ["lib/db/", "lib/env.ts"], testsMay: ["lib/delivery/test-db.ts"] },
  // metrics.ts labels attempts by the engine's types (Job, Plan, SendResult): types only.
  { from: ["lib/ops/"], may: ["lib/db/", "lib/env.ts", "lib/security/", "lib/api/"], typesOnly: ["lib/delivery/"] },
  { from: ["lib/security/"], may: ["lib/api/", "lib/env.ts", "lib/db/"] },
  { from: ["lib/db/"], may: ["lib/env.ts", "lib/generated/"] },
  { from: ["lib/crypto/"], may: ["lib/api/", "lib/validation/", "lib/env.ts"] },
  { from: ["lib/api/"], may: ["lib/validation/"] },
  { from: ["lib/validation/"], may: ["lib/events/catalog.ts", "lib/notifications/kinds.ts"], packages: ["zod"] },
  { from: ["lib/events/catalog.ts"], may: [], packages: ["zod"] },
  { from: ["lib/env.ts", "lib/duration.ts"], may: ["lib/env.ts", "lib/duration.ts"] },
  { from: ["lib/shutdown.ts"], may: [], packages: "node" },
  { from: ["lib/format-time.ts"], may: [] },
  { from: ["lib/notifications/kinds.ts"], may: ["lib/format-time.ts"], packages: ["zod"] },
  // scripts/, tests/, e2e/
  { from: ["scripts/"], may: ["lib/", "tests/support/"] },
  { from: ["tests/integration/"], may: ["tests/support/", "lib/events/catalog.ts", "lib/delivery/send.ts", "lib/delivery/test-db.ts", "lib/notifications/test-smtp.ts", "lib/ops/metric-sample.ts", "lib/client/"] },
  { from: ["tests/support/"], may: [], packages: "node" },
  { from: ["e2e/"], may: ["tests/support/"] },
];

/** Whatever the table says: lib/ never imports these. */
const LIB_NEVER: Pattern[] = ["app/", "components/", "scripts/"];

// ---------------------------------------------------------------------------------------------------

export type SourceFile = { path: string; source: string };
export type Import = { specifier: string; line: number; typeOnly: boolean };
export type Violation = { file: string; line: number; specifier: string; problem: string };

/** The source with comments and every string but module specifiers blanked, line breaks kept. */
function stripComments(src: string): string {
  let out = "";
  let i = 0;
  let last = ""; // the last significant character, to tell a regex literal from a division
  const regexCanStart = () => last === "" || "(,=:[!&|?{};~+-*%<>^".includes(last) || /\b(return|typeof|case|in|of|void)$/.test(out.trimEnd());
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === "/" && next === "/") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end === -1 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
      continue;
    }
    if (c === '"' || c === "'" || c === "`" || (c === "/" && regexCanStart())) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length) {
        const d = src[j]!;
        if (d === "\\") {
          j += 2;
          continue;
        }
        if (c === "/" && d === "[") inClass = true;
        else if (c === "/" && d === "]") inClass = false;
        else if (d === c && !inClass) break;
        else if (d === "\n" && c !== "`") break;
        j++;
      }
      // A module specifier stays; any other string or template is blanked, so code quoted in it is not read.
      const specifier = c !== "/" && /\b(from|import|import\s*\(|require\s*\()\s*$/.test(out.slice(-40));
      out += specifier ? src.slice(i, j + 1) : c + src.slice(i + 1, j).replace(/[^\n]/g, " ") + (src[j] ?? "");
      i = j + 1;
      last = c;
      continue;
    }
    out += c;
    if (!/\s/.test(c)) last = c;
    i++;
  }
  return out;
}

const STATIC = /(^|[;}\n])[ \t]*(import|export)\s+(type\s+)?([\w\s{},*$]*?)\s*from\s*(["'])([^"'\n]+)\5/g;
const SIDE_EFFECT = /(^|[;}\n])[ \t]*import\s*(["'])([^"'\n]+)\2/g;
const DYNAMIC = /(typeof\s+)?\bimport\s*\(\s*(["'`])([^"'`\n]+)\2\s*\)/g;

/** Every module specifier a file names, with its line and whether only types are imported. */
export function parseImports(source: string): Import[] {
  const code = stripComments(source);
  const lineOf = (index: number) => code.slice(0, index).split("\n").length;
  const found: Import[] = [];
  for (const m of code.matchAll(STATIC)) {
    const clause = m[4]!.trim();
    const named = /^\{([\s\S]*)\}$/.exec(clause)?.[1];
    const elements = named?.split(",").map((s) => s.trim()).filter(Boolean);
    const typeOnly = Boolean(m[3]) || Boolean(elements && elements.length > 0 && elements.every((e) => e.startsWith("type ")));
    found.push({ specifier: m[6]!, line: lineOf(m.index + m[1]!.length), typeOnly });
  }
  for (const m of code.matchAll(SIDE_EFFECT)) found.push({ specifier: m[3]!, line: lineOf(m.index + m[1]!.length), typeOnly: false });
  for (const m of code.matchAll(DYNAMIC)) found.push({ specifier: m[3]!, line: lineOf(m.index), typeOnly: Boolean(m[1]) });
  return found.sort((a, b) => a.line - b.line);
}

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", "/index.ts", "/index.tsx"];

/** A repo path for `@/` and relative specifiers (undefined when nothing is there), or the package name. */
function resolve(file: string, specifier: string, exists: (p: string) => boolean): { path?: string; pkg?: string } {
  if (!specifier.startsWith("@/") && !specifier.startsWith(".")) {
    const parts = specifier.split("/");
    return { pkg: specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]! };
  }
  const base = specifier.startsWith("@/") ? specifier.slice(2) : path.posix.join(path.posix.dirname(file), specifier);
  const target = path.posix.normalize(base);
  const bare = target.replace(/\.(js|mjs|cjs)$/, ""); // "./x.js" naming x.ts
  for (const candidate of [...EXTENSIONS.map((e) => target + e), ...EXTENSIONS.slice(1, 5).map((e) => bare + e)]) {
    if (exists(candidate)) return { path: candidate };
  }
  return {};
}

function toRegex(pattern: Pattern): RegExp {
  const body = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*");
  return pattern.endsWith("/") ? new RegExp(`^(${body}).+$`) : new RegExp(`^(${body})$`);
}

const matches = (pattern: Pattern, p: string) => toRegex(pattern).test(p);
const specificity = (pattern: Pattern) => pattern.replace(/\*/g, "").length;

/** The rule a file is under, and its own folder (the matched pattern, wildcards filled in). */
export function ruleFor(file: string, rules: Rule[] = RULES): { rule: Rule; own: string } | undefined {
  const subject = file.replace(/\.test(\.tsx?)$/, "$1"); // a test follows the rules of the code beside it
  let best: { rule: Rule; own: string; score: number } | undefined;
  for (const rule of rules) {
    for (const pattern of rule.from) {
      const m = toRegex(pattern).exec(subject);
      if (m && (!best || specificity(pattern) > best.score)) best = { rule, own: m[1]!, score: specificity(pattern) };
    }
  }
  return best && { rule: best.rule, own: best.own };
}

const BUILTINS = new Set(builtinModules);
const isBuiltin = (pkg: string) => pkg.startsWith("node:") || BUILTINS.has(pkg);

/** Every import of `files` that its rule does not allow (or that resolves to nothing), one entry each. */
export function checkImports(files: SourceFile[], exists: (p: string) => boolean, rules: Rule[] = RULES): Violation[] {
  const violations: Violation[] = [];
  for (const { path: file, source } of files) {
    const under = ruleFor(file, rules);
    if (!under) {
      violations.push({ file, line: 0, specifier: "", problem: "no rule in the table covers this file" });
      continue;
    }
    const { rule, own } = under;
    const isTest = /\.test\.tsx?$/.test(file);
    for (const { specifier, line, typeOnly } of parseImports(source)) {
      const flag = (problem: string) => violations.push({ file, line, specifier, problem });
      const { path: target, pkg } = resolve(file, specifier, exists);
      if (pkg !== undefined) {
        if (rule.forbidPackages?.includes(pkg)) flag(`package "${pkg}" is not allowed here (database access is lib/db's)`);
        if (isTest || rule.packages === undefined) continue;
        const ok = rule.packages === "node" ? isBuiltin(pkg) : isBuiltin(pkg) || rule.packages.includes(pkg);
        if (!ok) flag(`package "${pkg}" is not allowed here (${rule.packages === "node" ? "node built-ins only" : rule.packages.join(", ")})`);
        continue;
      }
      if (target === undefined) {
        flag("resolves to no file");
        continue;
      }
      if (file.startsWith("lib/") && LIB_NEVER.some((p) => matches(p, target))) {
        flag(`lib/ never imports ${LIB_NEVER.find((p) => matches(p, target))}`);
        continue;
      }
      if (target === own || target.startsWith(own)) continue;
      if (rule.except?.some((p) => matches(p, target))) {
        flag(`${rule.from.join(", ")} may not import ${rule.except.find((p) => matches(p, target))}`);
        continue;
      }
      if (rule.may.some((p) => matches(p, target))) continue;
      if (isTest && rule.testsMay?.some((p) => matches(p, target))) continue;
      if (rule.typesOnly?.some((p) => matches(p, target))) {
        if (!typeOnly) flag(`only types may be imported from ${target} here (use import type)`);
        continue;
      }
      flag(`${own} may import only ${[...rule.may, ...(rule.typesOnly ?? []).map((p) => `${p} (types)`)].join(", ") || "nothing in the repo"}`);
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------------

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WALKED = ["app", "components", "lib", "scripts", "tests", "e2e"];
/** The root's own TypeScript files (entry points and configs). */
const rootFiles = () => fs.readdirSync(ROOT).filter((name) => /\.m?tsx?$/.test(name) && !name.endsWith(".d.ts") && fs.statSync(path.join(ROOT, name)).isFile());
const SKIPPED = new Set(["lib/generated", "node_modules"]);

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(rel) && entry.name !== "node_modules") walk(rel, out);
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

const format = (v: Violation) => `${v.file}:${v.line} imports "${v.specifier}": ${v.problem}`;

/** The backquoted names in the first column of ARCHITECTURE.md's folder table (`app/api/*`, `components/<feature>`, `lib/env.ts`). */
export function tableFolders(markdown: string): string[] {
  const section = markdown.split("## Folders, and what a file there may import")[1]?.split("\n## ")[0] ?? "";
  const rows = section.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| folder |"));
  return rows.flatMap((row) => [...(row.split("|")[1] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

/**
 * A rule's `from` pattern as the table spells it: no trailing slash, a wildcard folder as the table's
 * `<name>` placeholder, and a table's `dir/*` or `dir/**` (what is below) the same as `dir/`.
 */
const asFolder = (pattern: string) => pattern.replace(/\/(\*\*?)?$/, "");
const tableAsFolder = (name: string) => asFolder(name).replace(/<[^>]+>/g, "*");

/** The `from` patterns of `rules` that the table's first column does not name. */
export function rulesMissingFromTable(markdown: string, rules: Rule[] = RULES): string[] {
  const named = new Set(tableFolders(markdown).map(tableAsFolder));
  return rules.flatMap((rule) => rule.from).filter((pattern) => !named.has(asFolder(pattern)));
}

describe("architecture (docs/ARCHITECTURE.md's import table)", () => {
  it("every import in app/, components/, lib/, scripts/, tests/, e2e/ and the root's entry files follows the table", () => {
    const paths = [...rootFiles(), ...WALKED.flatMap((dir) => walk(dir))];
    expect(paths).toEqual(expect.arrayContaining(["instrumentation.ts", "proxy.ts", "prisma.config.ts"]));
    const files = paths.map((p) => ({ path: p, source: fs.readFileSync(path.join(ROOT, p), "utf8") }));
    expect(files.length).toBeGreaterThan(300);
    const exists = (p: string) => fs.existsSync(path.join(ROOT, p)) && fs.statSync(path.join(ROOT, p)).isFile();
    expect(checkImports(files, exists).map(format)).toEqual([]);
  });

  it("names every rule's folder in the table's first column (the doc and the rules cannot drift)", () => {
    const markdown = fs.readFileSync(path.join(ROOT, "docs/ARCHITECTURE.md"), "utf8");
    expect(tableFolders(markdown).length).toBeGreaterThan(30);
    expect(rulesMissingFromTable(markdown)).toEqual([]);
    const table = ["| folder | holds | may import |", "|---|---|---|", "| `app/api/v1/**`, `app/api/*` | x | `lib/handlers` |", "| `components/<feature>` | x | `lib/env.ts` |"];
    const doc = ["## Folders, and what a file there may import", ...table, "", "## Next"].join("\n");
    const rules: Rule[] = [{ from: ["app/api/v1/", "app/api/", "components/*/"], may: [] }, { from: ["lib/env.ts", "lib/handlers/"], may: [] }];
    expect(rulesMissingFromTable(doc, rules)).toEqual(["lib/env.ts", "lib/handlers/"]);
  });

  it("parses static, export-from, type-only and dynamic specifiers, and skips comments and strings", () => {
    const source = [
      `import { a } from "@/lib/a";`,
      `import type { B } from "./b";`,
      `import { type C, type D } from "../c";`,
      `import def, { type E } from "@/lib/e";`,
      `export { f } from "@/lib/f";`,
      `export type { G } from "@/lib/g";`,
      `import "./side-effect";`,
      `const h = await import("@/lib/h");`,
      `type I = typeof import("@/lib/i");`,
      `// import { no } from "@/lib/commented";`,
      `/* export * from "@/lib/block-commented"; */`,
      `const s = "import { no } from '@/lib/in-a-string'"; const r = /"/g;`,
      "const t = `import(\"@/lib/in-a-template\")`; const u = 'import(\"@/lib/quoted\")';",
      `import {`,
      `  j,`,
      `  type K,`,
      `} from "@/lib/j";`,
    ].join("\n");
    expect(parseImports(source).map((i) => `${i.line} ${i.specifier}${i.typeOnly ? " (type)" : ""}`)).toEqual([
      "1 @/lib/a",
      "2 ./b (type)",
      "3 ../c (type)",
      "4 @/lib/e",
      "5 @/lib/f",
      "6 @/lib/g (type)",
      "7 ./side-effect",
      "8 @/lib/h",
      "9 @/lib/i (type)",
      "14 @/lib/j",
    ]);
  });

  it("flags a synthetic violation of each kind, with file and specifier", () => {
    const files: SourceFile[] = [
      { path: "lib/delivery/engine.ts", source: `import { x } from "@/lib/webhooks/create-endpoint";\nimport { y } from "./plan";` },
      { path: "lib/delivery/plan.ts", source: `export const y = 1;` },
      { path: "lib/webhooks/create-endpoint.ts", source: `import { z } from "@/components/ui/button";` },
      { path: "components/ui/button.tsx", source: `export const z = 1;` },
      { path: "components/webhooks/form.tsx", source: `import { db } from "@/lib/db/client";\nimport { schema } from "@/lib/webhooks/public-endpoint";\nimport type { T } from "@/lib/webhooks/public-endpoint";` },
      { path: "lib/db/client.ts", source: `import { q } from "../validation/missing";` },
      { path: "lib/webhooks/public-endpoint.ts", source: `export const schema = 1; export type T = 1;` },
      { path: "app/(dashboard)/page.tsx", source: `import { db } from "@/lib/db/client";` },
      { path: "app/api/v1/things/route.ts", source: `import { PrismaClient } from "@prisma/client";\nimport { z } from "zod";` },
      { path: "tests/support/receiver.ts", source: `import express from "express";\nimport http from "node:http";` },
      { path: "somewhere/else.ts", source: `` },
      { path: "lib/retention/purge.test.ts", source: `import { freshTestDatabase } from "@/lib/delivery/test-db";` },
      { path: "lib/retention/purge.ts", source: `import { freshTestDatabase } from "@/lib/delivery/test-db";` },
      { path: "lib/delivery/test-db.ts", source: `` },
    ];
    const exists = (p: string) => files.some((f) => f.path === p);
    expect(checkImports(files, exists).map((v) => `${v.file}:${v.line} ${v.specifier}`)).toEqual([
      "lib/delivery/engine.ts:1 @/lib/webhooks/create-endpoint",
      "lib/webhooks/create-endpoint.ts:1 @/components/ui/button",
      "components/webhooks/form.tsx:1 @/lib/db/client",
      "components/webhooks/form.tsx:2 @/lib/webhooks/public-endpoint",
      "lib/db/client.ts:1 ../validation/missing",
      "app/(dashboard)/page.tsx:1 @/lib/db/client",
      "app/api/v1/things/route.ts:1 @prisma/client",
      "tests/support/receiver.ts:1 express",
      "somewhere/else.ts:0 ",
      "lib/retention/purge.ts:1 @/lib/delivery/test-db",
    ]);
  });

  it("gives a file the most specific rule and its own folder", () => {
    expect(ruleFor("components/ui/button.tsx")?.own).toBe("components/ui/");
    expect(ruleFor("components/webhooks/webhook-form.tsx")?.own).toBe("components/webhooks/");
    expect(ruleFor("lib/events/catalog.ts")?.rule.may).toEqual([]);
    expect(ruleFor("lib/env.test.ts")?.own).toBe("lib/env.ts");
    expect(ruleFor("app/api/v1/webhooks/route.ts")?.own).toBe("app/api/v1/");
    expect(ruleFor("lib/delivery/sqlite/claim.ts")?.own).toBe("lib/delivery/");
  });
});
