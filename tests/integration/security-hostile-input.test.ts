// Hostile input, property-tested with fast-check over real HTTP: at least 1,000 generated requests per run
// against every merchant route, sign-up and the platform intake. Arbitrary JSON, wrong types, unicode
// tricks (RTL override, zero-width, NUL, lone surrogates, fullwidth), huge strings, javascript:/data:/file:
// URLs, other merchants' ids, ids that do not exist, malformed JSON text and oversized bodies.
//
// Every response must be a 2xx with the route's documented status for valid input, or a 4xx with exactly
// the DESIGN §4 error shape; never a 5xx, never internals in the message. A 4xx must leave no trace: each
// of the 8 concurrent lanes owns one merchant and sends its requests one at a time, and the lane's rows
// (endpoints, their secrets, events, deliveries, audit entries, API keys, the endpoint counter) are
// compared before and after every refused request. Another merchant's id never gets a 2xx.
//
// Safety: the app allows private targets here, and every URL the generators can produce that the app
// would accept points at a closed port on loopback (checked by `loopbackOnly` before sending), so no
// request ever leaves 127.0.0.0/8 or ::1. FC_SEED=<n> replays a run.
import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractProblems } from "./contract";
import { freePort, START_TIMEOUT_MS } from "./harness";
import { createEndpoint, type Merchant, PASSWORD, uniqueEmail } from "./http-client";
import { completedData, openDb, startSecureApp, waitFor, type DeliverySummary, type SecureApp } from "./security-helpers";

const LANES = 8;
const RUNS_PER_LANE = 130; // 1,040 cases in all
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

type Lane = {
  merchant: Merchant;
  cookie: string;
  key: string;
  keyId: string;
  endpoints: string[];
  deliveries: string[];
  events: string[];
};

let app: SecureApp;
let db: Database.Database;
let closedPort: number;
const lanes: Lane[] = [];
const stats = { total: 0, byStatus: new Map<number, number>(), byRoute: new Map<string, number>() };

beforeAll(async () => {
  closedPort = await freePort();
  app = await startSecureApp({
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
    WEBHOOK_RETRY_SCHEDULE: "1h",
    WEBHOOK_TIMEOUT_MS: "2000",
    RATE_LIMIT_TEST_EVENT: "1000000/60",
    RATE_LIMIT_TEST_EVENT_TARGET: "1000000/60",
    RATE_LIMIT_ENDPOINT_CREATE: "1000000/60",
    RATE_LIMIT_API_KEY: "1000000/60",
    RATE_LIMIT_SIGNUP_IP: "1000000/60",
    RATE_LIMIT_INTAKE: "1000000/1",
  });
  db = openDb(app.dbFile);
  for (let i = 0; i < LANES; i++) {
    const merchant = await app.merchant(`Fuzz Lane ${i}`);
    const endpoints: string[] = [];
    for (let e = 0; e < 2; e++) endpoints.push((await createEndpoint(merchant.client, { url: `http://127.0.0.1:${closedPort}/lane${i}/${e}` })).id);
    const published = await app.intake({ merchantId: merchant.id, type: "checkout_session.completed", data: completedData() });
    const eventId = (published.body as { id: string }).id;
    const deliveries = await waitFor(async () => {
      const list = ((await merchant.client.get(`/api/v1/webhooks/${endpoints[0]}/deliveries`)).body as { data: DeliverySummary[] }).data;
      return list.length > 0 && list[0].attempts > 0 ? list.map((d) => d.id) : undefined;
    }, "the first attempt");
    const key = (await merchant.client.post("/api/v1/api-keys", { name: `lane ${i}` })).body as { id: string; key: string };
    const cookie = [...merchant.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    lanes.push({ merchant, cookie, key: key.key, keyId: key.id, endpoints, deliveries, events: [eventId] });
  }
}, START_TIMEOUT_MS + 60_000);

afterAll(async () => {
  db?.close();
  await app?.stop();
});

// ---------------------------------------------------------------------------------------------------
// Generators

const EVENT_TYPES = ["checkout_session.completed", "checkout_session.expired", "checkout_session.canceled"];

const UNICODE_TRICKS = [
  "\u202e", // RIGHT-TO-LEFT OVERRIDE
  "\u202d",
  "\u2066",
  "\u200b", // ZERO WIDTH SPACE
  "\u200c",
  "\u200d",
  "\ufeff", // BOM
  "\u0000", // NUL
  "\u0007",
  "\ud800", // lone surrogate
  "\udfff",
  "\u0301\u0301\u0301", // stacked combining marks
  "\u00ad", // soft hyphen
  "\u2028\u2029", // JS line separators
  "ｊａｖａｓｃｒｉｐｔ", // fullwidth
  "🏳️‍🌈👩‍👩‍👧",
  "\r\n",
  "%00",
  "%2e%2e%2f",
];

const HOSTILE_STRINGS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(document.cookie)",
  " javascript:alert(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "file:///etc/passwd",
  "ftp://127.0.0.1/",
  "gopher://127.0.0.1:6379/_INFO",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  '"; DROP TABLE "Endpoint"; --',
  "${7*7}{{7*7}}",
  "__proto__",
  "constructor",
  "../../../../etc/passwd",
  "",
  " ",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "0x7f",
];

const trickString = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...UNICODE_TRICKS), fc.string({ maxLength: 20 }))
  .map(([a, t, b]) => a + t + b);

const hugeString = fc.constantFrom(2_049, 5_000, 20_000).map((n) => "x".repeat(n));

const hostileString = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 3 },
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 3 },
  { arbitrary: trickString, weight: 3 },
  { arbitrary: hugeString, weight: 1 },
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  { arbitrary: hostileString, weight: 3 },
  { arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, [], {}, [[[]]], JSON.parse('{"__proto__":{"admin":true}}') as unknown), weight: 2 },
);

/** URL strings: mostly hostile, some valid, but only ever aimed at a closed port on loopback. */
const urlValue = () =>
  fc.oneof(
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom("http", "https", "HTTP", "hTTps"),
          fc.constantFrom("127.0.0.1", "[::1]", "localhost", "127.1", "2130706433", "0x7f.1", "loc\u00adalhost", "LOCALHOST", "ｌｏｃａｌｈｏｓｔ", "%31%32%37.0.0.1"),
          fc.string({ maxLength: 30 }),
        )
        .map(([scheme, host, rest]) => `${scheme}://${host}:${closedPort}/${encodeURI(rest)}`),
      weight: 3,
    },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 3 },
    {
      arbitrary: fc.constantFrom(
        `http://user:pass@127.0.0.1:${closedPort}/`,
        "http://",
        "http:///x",
        `//127.0.0.1:${closedPort}/x`,
        "/relative",
        `http://127.0.0.1\u202e:${closedPort}/`,
        "http://\u0000/",
        "http://[::1",
        "http://127.0.0.1:99999/",
        `http://[::1]:${closedPort}/` + "a".repeat(2100),
        `http://127.0.0.1:${closedPort}/\u202e\u200b\u0000`,
      ),
      weight: 2,
    },
    { arbitrary: trickString.map((s) => `http://127.0.0.1:${closedPort}/${s}`), weight: 2 },
    { arbitrary: anyValue, weight: 2 },
  );

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4})$/;

/** True unless the value is an http(s) URL the app could accept whose host is not loopback. */
function loopbackOnly(value: unknown): boolean {
  if (typeof value !== "string") return true;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return true;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return true;
  return LOOPBACK.test(url.hostname.replace(/^\[|\]$/g, ""));
}

const eventType = fc.oneof({ arbitrary: fc.constantFrom(...EVENT_TYPES), weight: 3 }, { arbitrary: anyValue, weight: 1 });

const optionalRecord = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) => fc.record(shape, { requiredKeys: [] });

/** Valid shape, hostile content: the requests that get past validation and reach the database. */
const validWebhookFields = {
  url: fc.tuple(fc.constantFrom("127.0.0.1", "[::1]", "localhost"), fc.oneof(fc.string({ maxLength: 30 }), trickString)).map(([h, p]) => `http://${h}:${closedPort}/${p}`),
  description: fc.oneof(trickString, fc.string({ unit: "binary", maxLength: 80 }), fc.constantFrom(...HOSTILE_STRINGS)),
  eventTypes: fc.subarray(EVENT_TYPES),
};
const genericWebhookBody = fc.oneof(
  { arbitrary: optionalRecord({ url: urlValue(), description: fc.oneof(hostileString, anyValue), eventTypes: fc.oneof(fc.array(eventType, { maxLength: 4 }), anyValue), status: fc.oneof(fc.constantFrom("enabled", "disabled"), anyValue) }), weight: 5 },
  { arbitrary: fc.record({ url: urlValue(), extra: anyValue }), weight: 1 },
  { arbitrary: anyValue, weight: 2 },
);
const createBody = fc.oneof({ arbitrary: fc.record(validWebhookFields, { requiredKeys: ["url"] }), weight: 5 }, { arbitrary: genericWebhookBody, weight: 4 });
const updateBody = fc.oneof(
  { arbitrary: fc.record({ ...validWebhookFields, status: fc.constantFrom("enabled", "disabled") }, { requiredKeys: [] }), weight: 5 },
  { arbitrary: genericWebhookBody, weight: 4 },
);

/** A completed session with some fields broken in some way. */
const sessionData = fc
  .record({
    drop: fc.subarray(Object.keys(completedData().object), { maxLength: 2 }),
    replace: fc.dictionary(fc.constantFrom(...Object.keys(completedData().object), "extra"), anyValue, { maxKeys: 2 }),
  })
  .map(({ drop, replace }) => {
    const object: Record<string, unknown> = { ...completedData().object, ...replace };
    for (const k of drop) delete object[k];
    return { object };
  });

type Body = { kind: "json"; value: unknown } | { kind: "raw"; text: string; contentType?: string } | { kind: "none" };

const malformed = fc.oneof(
  fc.constantFrom("{", '{"url":', "[1,2", "{'url': 'x'}", "{url: 1}", '{"a":1}}', "\u0000", "\ufeff{}", "nul", "tru", '"unterminated', "{\"__proto__\":{\"polluted\":true}}", "1".repeat(400)),
  fc.json().map((j) => j.slice(0, Math.max(1, j.length - 1))),
  fc.string({ maxLength: 60 }),
);

const bodyOf = (value: fc.Arbitrary<unknown>): fc.Arbitrary<Body> =>
  fc.oneof(
    { arbitrary: value.map((v) => ({ kind: "json" as const, value: v })), weight: 10 },
    { arbitrary: malformed.map((text) => ({ kind: "raw" as const, text })), weight: 2 },
    { arbitrary: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "").chain((ct) => value.map((v) => ({ kind: "raw" as const, text: JSON.stringify(v) ?? "", contentType: ct }))), weight: 1 },
    { arbitrary: fc.constant({ kind: "raw" as const, text: JSON.stringify({ url: `http://127.0.0.1:${closedPort}/`, description: "d".repeat(70 * 1024) }) }), weight: 1 },
    { arbitrary: fc.constant({ kind: "none" as const }), weight: 1 },
  );

type IdKind = "own" | "foreign" | "missing" | "hostile";
type Target = { kind: IdKind; pick: number; hostile: string };
const target = fc.record({
  kind: fc.constantFrom<IdKind>("own", "own", "own", "foreign", "missing", "hostile"),
  pick: fc.nat(),
  hostile: fc.oneof(hostileString, fc.constantFrom("cm0000000000000000000000a", "%", "a/b", "a?b=c", "a#b", "*", "' OR '1'='1", "\u202egnp.exe")),
});

type Auth = "session" | "bearer" | "none" | "badBearer" | "foreignBearer";
const auth = fc.oneof(
  { arbitrary: fc.constant<Auth>("session"), weight: 8 },
  { arbitrary: fc.constant<Auth>("bearer"), weight: 3 },
  { arbitrary: fc.constantFrom<Auth>("none", "badBearer", "foreignBearer"), weight: 2 },
);

const query = fc.record(
  {
    cursor: fc.oneof(hostileString, fc.base64String({ maxLength: 60 }), fc.string({ maxLength: 10 }).map((s) => Buffer.from(`${s}|x`).toString("base64url"))),
    limit: fc.oneof(fc.constantFrom("0", "-1", "101", "1e3", "NaN", "2.5", "", "25"), fc.integer().map(String), hostileString),
    status: fc.oneof(fc.constantFrom("pending", "retrying", "succeeded", "failed"), hostileString),
    type: eventType,
  },
  { requiredKeys: [] },
);

type RouteSpec = { name: string; method: string; path: string; idFor?: "endpoint" | "delivery" | "event" | "key"; ok: number; body?: fc.Arbitrary<Body>; query?: boolean; platform?: boolean; signup?: boolean };

const ROUTES: RouteSpec[] = [
  { name: "list webhooks", method: "GET", path: "/api/v1/webhooks", ok: 200 },
  { name: "create webhook", method: "POST", path: "/api/v1/webhooks", ok: 201, body: bodyOf(createBody) },
  { name: "get webhook", method: "GET", path: "/api/v1/webhooks/{id}", idFor: "endpoint", ok: 200 },
  { name: "update webhook", method: "PATCH", path: "/api/v1/webhooks/{id}", idFor: "endpoint", ok: 200, body: bodyOf(updateBody) },
  { name: "delete webhook", method: "DELETE", path: "/api/v1/webhooks/{id}", idFor: "endpoint", ok: 204 },
  { name: "test webhook", method: "POST", path: "/api/v1/webhooks/{id}/test", idFor: "endpoint", ok: 200, body: bodyOf(fc.oneof(optionalRecord({ type: eventType }), anyValue)) },
  { name: "rotate secret", method: "POST", path: "/api/v1/webhooks/{id}/secret/rotate", idFor: "endpoint", ok: 200, body: bodyOf(anyValue) },
  { name: "list deliveries", method: "GET", path: "/api/v1/webhooks/{id}/deliveries", idFor: "endpoint", ok: 200, query: true },
  { name: "audit log", method: "GET", path: "/api/v1/webhooks/{id}/audit", idFor: "endpoint", ok: 200 },
  { name: "get delivery", method: "GET", path: "/api/v1/deliveries/{id}", idFor: "delivery", ok: 200 },
  { name: "retry delivery", method: "POST", path: "/api/v1/deliveries/{id}/retry", idFor: "delivery", ok: 202, body: bodyOf(anyValue) },
  { name: "list events", method: "GET", path: "/api/v1/events", ok: 200, query: true },
  { name: "get event", method: "GET", path: "/api/v1/events/{id}", idFor: "event", ok: 200 },
  { name: "merchant", method: "GET", path: "/api/v1/merchant", ok: 200 },
  { name: "list api keys", method: "GET", path: "/api/v1/api-keys", ok: 200 },
  { name: "create api key", method: "POST", path: "/api/v1/api-keys", ok: 201, body: bodyOf(fc.oneof(optionalRecord({ name: fc.oneof(hostileString, anyValue) }), anyValue)) },
  { name: "revoke api key", method: "DELETE", path: "/api/v1/api-keys/{id}", idFor: "key", ok: 204 },
  {
    name: "intake",
    method: "POST",
    path: "/api/v1/events",
    ok: 202,
    platform: true,
    body: bodyOf(
      fc.oneof(
        {
          arbitrary: fc.oneof(
            fc.record({ merchantId: fc.constant("$OWN"), type: fc.constant("checkout_session.completed"), data: fc.oneof(fc.constant(completedData()), sessionData) }),
            fc.record({ merchantId: fc.constant("$OWN"), type: fc.constantFrom("checkout_session.expired", "checkout_session.canceled"), data: fc.oneof(fc.constant(null), anyValue) }),
          ),
          weight: 3,
        },
        { arbitrary: optionalRecord({ merchantId: fc.oneof(fc.constant("$OWN"), hostileString, anyValue), type: eventType, data: fc.oneof(sessionData, fc.constant(null), anyValue) }), weight: 3 },
        { arbitrary: anyValue, weight: 1 },
      ),
    ),
  },
  {
    name: "sign-up",
    method: "POST",
    path: "/api/signup",
    ok: 201,
    signup: true,
    body: bodyOf(optionalRecord({ name: fc.oneof(hostileString, anyValue), email: fc.oneof(fc.constant("$UNIQUE"), hostileString, anyValue), password: fc.oneof(fc.constant(PASSWORD), hostileString, anyValue) })),
  },
];

const request = fc
  .integer({ min: 0, max: ROUTES.length - 1 })
  .chain((i) =>
    fc.record({
      route: fc.constant(ROUTES[i]),
      target,
      auth,
      body: ROUTES[i].body ?? fc.constant<Body>({ kind: "none" }),
      query: ROUTES[i].query ? query : fc.constant({}),
      idempotencyKey: fc.option(fc.oneof(fc.string({ unit: "binary-ascii", maxLength: 300 }), fc.constantFrom("a".repeat(256), " ", "key-1")), { nil: undefined }),
      platformToken: fc.constantFrom("right", "right", "right", "wrong", "none", "prefix"),
    }),
  );
type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------------
// Sending and checking

const idsOf = (lane: Lane, kind: NonNullable<RouteSpec["idFor"]>) =>
  kind === "endpoint" ? lane.endpoints : kind === "delivery" ? lane.deliveries : kind === "event" ? lane.events : [lane.keyId];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The id to aim at and the lane that owns it (null: nobody's). `avoid` is a lane whose ids must not be picked. */
function resolveId(laneIndex: number, kind: NonNullable<RouteSpec["idFor"]>, t: Target, avoid: number): { id: string; owner: number | null } {
  if (t.kind === "own") {
    const ids = idsOf(lanes[laneIndex], kind);
    return { id: ids[t.pick % ids.length], owner: laneIndex };
  }
  if (t.kind === "foreign") {
    const candidates = lanes.map((_, i) => i).filter((i) => i !== laneIndex && i !== avoid);
    const owner = candidates[t.pick % candidates.length];
    const ids = idsOf(lanes[owner], kind);
    return { id: ids[t.pick % ids.length], owner };
  }
  if (t.kind === "missing") return { id: `cm${randomBytes(11).toString("hex")}`, owner: null };
  // A hostile id: dot-only segments would be normalised away by the URL parser before reaching a route.
  const hostile = t.hostile.slice(0, 3000).replace(LONE_SURROGATE, "\ufffd"); // encodeURIComponent throws on those
  return { id: /^\.*$/.test(hostile) ? "x" + hostile : hostile, owner: null };
}

/** Substitutes placeholders, and refuses (returns undefined) anything that could aim a send off loopback. */
function prepareBody(body: Body, lane: Lane): { text?: string; contentType?: string } | undefined {
  if (body.kind === "none") return {};
  if (body.kind === "raw") return { text: body.text, contentType: body.contentType ?? "application/json" };
  let value = body.value;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const v = { ...(value as Record<string, unknown>) };
    if (v.merchantId === "$OWN") v.merchantId = lane.merchant.id;
    if (v.email === "$UNIQUE") v.email = uniqueEmail("fuzz");
    if (!loopbackOnly(v.url)) return undefined;
    value = v;
  }
  const text = JSON.stringify(value);
  return { text: text === undefined ? "" : text, contentType: "application/json" };
}

/** The lane merchant's durable state, minus what the delivery worker changes in the background. */
function snapshot(merchantId: string) {
  return {
    merchant: db.prepare(`SELECT "id","name","email","passwordHash","endpointCount" FROM "Merchant" WHERE "id" = ?`).get(merchantId),
    endpoints: db
      .prepare(
        `SELECT "id","url","description","status","eventTypes","secretCiphertext","previousSecretCiphertext","previousSecretExpiresAt","disabledReason","createdAt","updatedAt"
         FROM "Endpoint" WHERE "merchantId" = ? ORDER BY "id"`,
      )
      .all(merchantId),
    events: db.prepare(`SELECT "id","type","payload","idempotencyKey" FROM "Event" WHERE "merchantId" = ? ORDER BY "id"`).all(merchantId),
    deliveries: db.prepare(`SELECT "id","endpointId","eventId" FROM "Delivery" WHERE "merchantId" = ? ORDER BY "id"`).all(merchantId),
    audit: db.prepare(`SELECT "id","action","detail" FROM "AuditEntry" WHERE "merchantId" = ? ORDER BY "id"`).all(merchantId),
    keys: db.prepare(`SELECT "id","name","prefix","keyHash","revokedAt" FROM "ApiKey" WHERE "merchantId" = ? ORDER BY "id"`).all(merchantId),
  };
}

const wellFormed = (s: string) => s.replace(LONE_SURROGATE, "\ufffd");

/** Keeps the lane worth fuzzing after a legitimate delete or revoke of one of its fixtures. */
async function replenish(laneIndex: number, route: RouteSpec, resolved: { id: string; owner: number | null } | undefined): Promise<void> {
  const lane = lanes[laneIndex];
  if (!resolved || resolved.owner !== laneIndex) return;
  if (route.name === "delete webhook") {
    const res = await lane.merchant.client.post("/api/v1/webhooks", { url: `http://127.0.0.1:${closedPort}/lane${laneIndex}/again` });
    if (res.status === 201) lane.endpoints[lane.endpoints.indexOf(resolved.id)] = (res.body as { id: string }).id;
  }
  if (route.name === "revoke api key") {
    const res = await lane.merchant.client.post("/api/v1/api-keys", { name: "replacement" });
    expect(res.status).toBe(201);
    ({ id: lane.keyId, key: lane.key } = res.body as { id: string; key: string });
  }
}

const ERROR_CODE = /^[a-z]+(_[a-z]+)*$/;
const INTERNALS = /prisma|sqlite|better-sqlite|node_modules|\bat [\w.<>]+ \(|SELECT |INSERT |UPDATE "|TypeError|ReferenceError|stack/i;

async function check(laneIndex: number, g: Generated): Promise<void> {
  const lane = lanes[laneIndex];
  const { route } = g;
  // The lane whose credentials act: its own, or (foreignBearer) the next lane's API key. A foreign key may
  // only read, or aim at ids that are not its own: a legitimate write of the next lane's data would race
  // with that lane's own before/after snapshots.
  const acting = g.auth === "foreignBearer" && !route.platform && !route.signup ? (laneIndex + 1) % LANES : laneIndex;
  fc.pre(acting === laneIndex || route.idFor !== undefined || route.method === "GET");
  let foreign = false;
  let path = route.path;
  let resolved: { id: string; owner: number | null } | undefined;
  if (route.idFor) {
    resolved = resolveId(laneIndex, route.idFor, g.target, acting === laneIndex ? -1 : acting);
    foreign = resolved.owner !== null && resolved.owner !== acting;
    path = path.replace("{id}", encodeURIComponent(resolved.id));
  }
  const params = new URLSearchParams();
  // Capped: a request line over Node's 16 KiB header limit is refused by the HTTP server (431) before the app.
  for (const [k, v] of Object.entries(g.query)) params.set(k, (typeof v === "string" ? v : (JSON.stringify(v) ?? "")).slice(0, 2000));
  if ([...params].length > 0) path += `?${params}`;

  const prepared = route.method === "GET" ? {} : prepareBody(g.body, lane);
  fc.pre(prepared !== undefined); // never aim a send off loopback
  const headers: Record<string, string> = {};
  if (prepared!.contentType) headers["content-type"] = prepared!.contentType;
  if (route.platform) {
    const token = { right: app.platformToken, wrong: "dpt_" + "w".repeat(32), prefix: app.platformToken.slice(0, -1), none: "" }[g.platformToken];
    if (token) headers.authorization = `Bearer ${token}`;
    if (g.idempotencyKey !== undefined && /^[\x20-\x7e]*$/.test(g.idempotencyKey)) headers["idempotency-key"] = g.idempotencyKey;
  } else if (!route.signup) {
    if (g.auth === "session") headers.cookie = lane.cookie;
    if (g.auth === "bearer") headers.authorization = `Bearer ${lane.key}`;
    if (g.auth === "badBearer") headers.authorization = `Bearer dsk_${randomBytes(32).toString("base64url")}`;
    if (g.auth === "foreignBearer") headers.authorization = `Bearer ${lanes[acting].key}`;
  }

  const before = snapshot(lane.merchant.id);
  const res = await fetch(app.baseUrl + path, { method: route.method, headers, body: prepared!.text, redirect: "manual" });
  const text = await res.text();
  const after = snapshot(lane.merchant.id);
  stats.total++;
  stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
  stats.byRoute.set(route.name, (stats.byRoute.get(route.name) ?? 0) + 1);
  const context = `${route.method} ${path.slice(0, 200)} auth=${g.auth} → ${res.status} ${text.slice(0, 300)}`;

  expect(res.status, context).toBeLessThan(500);
  // Every answer of the merchant API, hostile input included, is one docs/openapi.json documents (contract.ts).
  if (path.startsWith("/api/v1/")) expect(contractProblems(route.method, path, res.status, res.headers.get("content-type"), text), context).toEqual([]);
  expect(res.status, context).toBeGreaterThanOrEqual(200);
  expect([301, 302, 303, 307, 308], context).not.toContain(res.status);
  if (res.status < 300) {
    expect(res.status, context).toBe(route.ok);
    if (res.status === 204) expect(text, context).toBe("");
    else expect(() => JSON.parse(text), context).not.toThrow();
    expect(foreign, `another merchant's id or key got a 2xx: ${context}`).toBe(false);
    const sent = g.body.kind === "json" && g.body.value && typeof g.body.value === "object" ? (g.body.value as Record<string, unknown>) : {};
    if (route.name === "create webhook" || route.name === "update webhook") {
      // What was accepted is stored and returned as sent (trimmed), unicode tricks included.
      const echoed = JSON.parse(text) as { url: string; description: string };
      if (typeof sent.url === "string") expect(echoed.url, context).toBe(wellFormed(sent.url.trim()));
      if (typeof sent.description === "string") expect(echoed.description, context).toBe(wellFormed(sent.description.trim()));
    }
    await replenish(laneIndex, route, resolved);
    return;
  }
  expect(res.headers.get("content-type") ?? "(none)", context).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
  expect(Object.keys(body), context).toEqual(["error"]);
  const { error } = body;
  expect(Object.keys(error!).filter((k) => !["code", "message", "fields"].includes(k)), context).toEqual([]);
  expect(error!.code, context).toEqual(expect.stringMatching(ERROR_CODE));
  expect(error!.message, context).toEqual(expect.any(String));
  expect((error!.message as string).length, context).toBeGreaterThan(0);
  if (error!.fields !== undefined) {
    expect(typeof error!.fields === "object" && error!.fields !== null && !Array.isArray(error!.fields), context).toBe(true);
    for (const v of Object.values(error!.fields as object)) expect(typeof v, context).toBe("string");
  }
  expect(text, context).not.toMatch(INTERNALS);
  const expectedCode: Record<number, string[]> = {
    400: ["bad_request"],
    401: ["unauthorized"],
    404: ["not_found"],
    409: ["webhook_limit_reached", "conflict"],
    413: ["payload_too_large"],
    422: ["validation_failed"],
    429: ["rate_limited"],
  };
  expect(expectedCode[res.status], context).toBeDefined();
  expect(expectedCode[res.status], context).toContain(error!.code);
  // No partial writes: a refused request leaves the merchant exactly as it was.
  expect(after, context).toEqual(before);
}

/** fast-check's default report prints the whole counterexample (huge strings included): keep it readable. */
function shortReport(details: fc.RunDetails<[Generated]>): void {
  if (!details.failed) return;
  const example = JSON.stringify(details.counterexample, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v));
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(`Property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}"; replay with FC_SEED)\n${cause.slice(0, 3000)}\nCounterexample: ${example.slice(0, 3000)}`);
}

describe("hostile input, property-tested over real HTTP", () => {
  it(
    `${LANES} lanes × ${RUNS_PER_LANE} generated requests: 2xx with the documented status or a 4xx with the §4 error shape, never a 5xx, never a partial write`,
    async () => {
      const started = Date.now();
      await Promise.all(
        lanes.map((_, laneIndex) =>
          fc.assert(
            fc.asyncProperty(request, (g) => check(laneIndex, g)),
            { numRuns: RUNS_PER_LANE, seed: SEED === undefined ? undefined : SEED + laneIndex, endOnFailure: true, reporter: shortReport },
          ),
        ),
      );
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `hostile-input: ${stats.total} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...stats.byStatus].sort()))}; routes ${JSON.stringify(Object.fromEntries(stats.byRoute))}`,
      );
      expect(stats.total).toBeGreaterThanOrEqual(1_000);
      // Every route was exercised, and both outcomes occurred.
      expect(stats.byRoute.size).toBe(ROUTES.length);
      expect([...stats.byStatus.keys()].some((s) => s < 300)).toBe(true);
      expect([...stats.byStatus.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(5);
    },
    180_000,
  );

  it("afterwards: every merchant's endpoint counter matches its endpoints (≤ 5), and no 500 was logged", () => {
    const rows = db
      .prepare(`SELECT m."id", m."endpointCount" AS counter, (SELECT COUNT(*) FROM "Endpoint" e WHERE e."merchantId" = m."id") AS actual FROM "Merchant" m`)
      .all() as { id: string; counter: number; actual: number }[];
    for (const r of rows) {
      expect(r.counter, r.id).toBe(r.actual);
      expect(r.actual, r.id).toBeLessThanOrEqual(5);
    }
    expect(app.logs()).not.toMatch(/Unhandled API error/);
  });

  it("the endpoints fuzzing created all aim at loopback (nothing could have been sent elsewhere)", () => {
    const urls = db.prepare(`SELECT "url" FROM "Endpoint"`).pluck().all() as string[];
    for (const url of urls) expect(loopbackOnly(url), url).toBe(true);
  });
});

describe("unpaired UTF-16 surrogates in JSON bodies (found by the property above)", () => {
  // JSON may spell "\ud800" but it is not Unicode text: Prisma's query engine refused such strings with an
  // "Unhandled API error" and a 500. Every JSON route must refuse them as malformed (400) and store nothing.
  let merchant: Merchant;
  let endpointId: string;
  beforeAll(async () => {
    merchant = await app.merchant("Surrogate Merchant");
    endpointId = (await createEndpoint(merchant.client, { url: `http://127.0.0.1:${closedPort}/surrogates` })).id;
  });

  const cases: [string, string, () => string, string][] = [
    ["create: description", "POST", () => "/api/v1/webhooks", `{"url":"http://127.0.0.1:1/x","description":"a\\ud800b"}`],
    ["create: url path", "POST", () => "/api/v1/webhooks", `{"url":"http://127.0.0.1:1/\\udfff"}`],
    ["update: description", "PATCH", () => `/api/v1/webhooks/${endpointId}`, `{"description":"\\udbff"}`],
    ["update: url", "PATCH", () => `/api/v1/webhooks/${endpointId}`, `{"url":"http://127.0.0.1:1/\\ud800"}`],
    ["an object key", "PATCH", () => `/api/v1/webhooks/${endpointId}`, `{"\\ud800":"x"}`],
    ["test: type", "POST", () => `/api/v1/webhooks/${endpointId}/test`, `{"type":"\\ud800"}`],
    ["api key: name", "POST", () => "/api/v1/api-keys", `{"name":"key \\ud800"}`],
  ];

  it.each(cases)("%s → 400 bad_request, nothing stored", async (_, method, path, raw) => {
    const before = snapshot(merchant.id);
    const res = await merchant.client.request(method, path(), { raw });
    expect(res.status, res.text).toBe(400);
    expect(res.body).toEqual({ error: { code: "bad_request", message: expect.stringMatching(/surrogate/i) } });
    expect(snapshot(merchant.id)).toEqual(before);
  });

  it("sign-up with a surrogate in the name → 400, no account", async () => {
    const email = uniqueEmail("surrogate");
    const res = await app.client().request("POST", "/api/signup", { raw: `{"name":"\\ud800","email":"${email}","password":"${PASSWORD}"}` });
    expect(res.status, res.text).toBe(400);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "Merchant" WHERE "email" = ?`).get(email)).toEqual({ n: 0 });
  });

  it.each([
    ["merchantId", (id: string) => `{"merchantId":"${id}\\ud800","type":"checkout_session.expired","data":null}`],
    ["session data", (id: string) => JSON.stringify({ merchantId: id, type: "checkout_session.completed", data: completedData() }).replace('"Coffee"', '"Coffee \\ud800"')],
  ])("intake with a surrogate in %s → 400, no event", async (_, body) => {
    const before = snapshot(merchant.id).events.length;
    const res = await app.client().request("POST", "/api/v1/events", { raw: body(merchant.id), headers: { authorization: `Bearer ${app.platformToken}` } });
    expect(res.status, res.text).toBe(400);
    expect(snapshot(merchant.id).events).toHaveLength(before);
  });

  it("a properly paired surrogate (an emoji written as escapes) is fine", async () => {
    const res = await merchant.client.request("PATCH", `/api/v1/webhooks/${endpointId}`, { raw: `{"description":"party \\ud83c\\udf89"}` });
    expect(res.status).toBe(200);
    expect((res.body as { description: string }).description).toBe("party 🎉");
  });

  it("no 500 was logged", () => {
    expect(app.logs()).not.toMatch(/Unhandled API error/);
  });
});
