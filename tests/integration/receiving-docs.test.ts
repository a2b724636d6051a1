// docs/RECEIVING.md and its runnable examples, checked against real deliveries from the running app,
// so the merchant guide cannot drift from what the product sends.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventDataSchemas, EVENT_TYPES, type EventType } from "@/lib/events/catalog";
import { USER_AGENT } from "@/lib/delivery/send";
import { type ReceivedRequest, type Receiver, startReceiver } from "../support/receiver";
import { type App, ROOT, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { CreatedEndpoint } from "./shapes";

const DOC = fs.readFileSync(path.join(ROOT, "docs", "RECEIVING.md"), "utf8");
const NODE_EXAMPLE = path.join(ROOT, "docs", "examples", "verify-node.mjs");
const PYTHON_EXAMPLE = path.join(ROOT, "docs", "examples", "verify.py");

type Delivery = { body: string; id: string; timestamp: string; signature: string };
type Run = { code: number | null; stdout: string; stderr: string };

const verifiers: [string, (secret: string, d: Delivery) => Run][] = [
  ["node verify-node.mjs", (secret, d) => run(process.execPath, [NODE_EXAMPLE], secret, d)],
  ["python3 verify.py", (secret, d) => run("python3", [PYTHON_EXAMPLE], secret, d)],
];

function run(command: string, args: string[], secret: string, d: Delivery): Run {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    input: d.body,
    encoding: "utf8",
    timeout: 20_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      WEBHOOK_SECRET: secret,
      WEBHOOK_ID: d.id,
      WEBHOOK_TIMESTAMP: d.timestamp,
      WEBHOOK_SIGNATURE: d.signature,
    } as Record<string, string | undefined> as NodeJS.ProcessEnv, // Next's types make NODE_ENV required
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const asDelivery = (r: ReceivedRequest): Delivery => ({
  body: r.body,
  id: String(r.headers["webhook-id"]),
  timestamp: String(r.headers["webhook-timestamp"]),
  signature: String(r.headers["webhook-signature"]),
});

let app: App;
let receiver: Receiver;
let merchant: Merchant;
let endpoint: CreatedEndpoint;
const deliveries = new Map<EventType, Delivery>();
let probe: Delivery;

beforeAll(async () => {
  [app, receiver] = await Promise.all([startApp(), startReceiver()]);
  merchant = await app.merchant("Docs Merchant");
  endpoint = await createEndpoint(merchant.client, { url: receiver.url("/webhooks/dashx") });
  for (const type of EVENT_TYPES) {
    receiver.clear();
    const res = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, { type });
    if (res.status !== 200) throw new Error(`test event answered ${res.status}: ${res.text}`);
    const [request] = await receiver.waitForRequests(1);
    deliveries.set(type, asDelivery(request));
  }
  receiver.clear();
  const probed = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/probe`);
  if (probed.status !== 200) throw new Error(`probe answered ${probed.status}: ${probed.text}`);
  probe = asDelivery((await receiver.waitForRequests(1))[0]);
}, START_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

describe.each(verifiers)("docs/examples: %s", (_, verify) => {
  it("refuses the signature probe (signed with a wrong secret)", () => {
    expect(verify(endpoint.secret, probe).code).toBe(1);
  });

  it.each(EVENT_TYPES)("verifies a real %s delivery", (type) => {
    const d = deliveries.get(type)!;
    const result = verify(endpoint.secret, d);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`verified ${type} ${d.id}`);
  });

  it("refuses a tampered body", () => {
    const d = deliveries.get("checkout_session.completed")!;
    for (const body of [d.body.replace(/"amountTotal":"[^"]+"/, '"amountTotal":"99999.00"'), d.body + "\n", d.body.replace(/^\{/, "{ ")]) {
      expect(body).not.toBe(d.body);
      const result = verify(endpoint.secret, { ...d, body });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/not verified/);
    }
  });

  it("refuses another endpoint's secret, a changed id and a changed timestamp", () => {
    const d = deliveries.get("checkout_session.expired")!;
    const otherSecret = "whsec_" + Buffer.from("another endpoint's 24 bytes").toString("base64");
    expect(verify(otherSecret, d).code).toBe(1);
    expect(verify(endpoint.secret, { ...d, id: deliveries.get("checkout_session.canceled")!.id }).code).toBe(1);
    expect(verify(endpoint.secret, { ...d, timestamp: String(Number(d.timestamp) - 1) }).code).toBe(1);
  });

  it("refuses missing headers", () => {
    const d = deliveries.get("checkout_session.canceled")!;
    for (const missing of [{ signature: "" }, { id: "" }, { timestamp: "" }]) {
      expect(verify(endpoint.secret, { ...d, ...missing }).code).toBe(1);
    }
  });

  it("accepts any one of several space-separated signatures (secret rotation)", () => {
    const d = deliveries.get("checkout_session.completed")!;
    const bogus = "v1," + Buffer.alloc(32, 7).toString("base64");
    expect(verify(endpoint.secret, { ...d, signature: `${bogus} ${d.signature}` }).code).toBe(0);
    expect(verify(endpoint.secret, { ...d, signature: `${d.signature} ${bogus}` }).code).toBe(0);
    expect(verify(endpoint.secret, { ...d, signature: `${bogus} ${bogus}` }).code).toBe(1);
    // Only v1 entries count: the same signature under another version label is ignored.
    expect(verify(endpoint.secret, { ...d, signature: d.signature.replace(/^v1,/, "v2,") }).code).toBe(1);
  });

  it("refuses a correctly signed delivery whose timestamp is more than 5 minutes old or ahead", () => {
    const d = deliveries.get("checkout_session.completed")!;
    const wh = new Webhook(endpoint.secret);
    const now = Math.floor(Date.now() / 1000);
    for (const ts of [now - 6 * 60, now + 6 * 60]) {
      const signature = wh.sign(d.id, new Date(ts * 1000), d.body);
      expect(verify(endpoint.secret, { ...d, timestamp: String(ts), signature }).code).toBe(1);
    }
    const fresh = now - 60;
    expect(verify(endpoint.secret, { ...d, timestamp: String(fresh), signature: wh.sign(d.id, new Date(fresh * 1000), d.body) }).code).toBe(0);
  });
});

/** The text between `docs:start verify` and `docs:end verify` markers in an example file. */
function snippet(file: string): string {
  const text = fs.readFileSync(file, "utf8");
  const match = /docs:start verify\n([\s\S]*?)\n[^\n]*docs:end verify/.exec(text);
  if (!match) throw new Error(`${file} has no docs:start/docs:end verify markers`);
  return match[1];
}

const codeBlocks = (lang: string) => [...DOC.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)\\n```", "g"))].map((m) => m[1]);

describe("docs/RECEIVING.md", () => {
  it("shows the verification code of both runnable examples verbatim", () => {
    expect(DOC).toContain(snippet(NODE_EXAMPLE));
    expect(DOC).toContain(snippet(PYTHON_EXAMPLE));
  });

  it("has one JSON example per event type, each matching the real delivery's shape", () => {
    const examples = codeBlocks("json")
      .map((block) => JSON.parse(block) as Record<string, unknown>)
      .filter((e) => e.type !== "webhook.signature_probe");
    expect(examples.map((e) => e.type)).toEqual([...EVENT_TYPES]);
    for (const example of examples) {
      const type = example.type as EventType;
      const real = JSON.parse(deliveries.get(type)!.body) as Record<string, unknown>;
      expect(Object.keys(example)).toEqual(Object.keys(real));
      expect(example.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(example).toMatchObject({ apiVersion: real.apiVersion, object: real.object });
      expect(typeof example.created).toBe("number");
      expect(eventDataSchemas[type].safeParse(example.data).success).toBe(true);
      if (real.data === null) expect(example.data).toBeNull();
      else {
        const exampleObject = (example.data as { object: object }).object;
        const realObject = (real.data as { object: object }).object;
        expect(Object.keys(exampleObject)).toEqual(Object.keys(realObject));
      }
    }
  });

  it("shows the signature probe as sent", () => {
    const [example] = codeBlocks("json")
      .map((block) => JSON.parse(block) as Record<string, unknown>)
      .filter((e) => e.type === "webhook.signature_probe");
    const real = JSON.parse(probe.body) as Record<string, unknown>;
    expect(Object.keys(example)).toEqual(Object.keys(real));
    expect(example).toMatchObject({ apiVersion: real.apiVersion, object: real.object, type: real.type, data: null });
  });

  it("names the headers and the User-Agent the product sends", () => {
    const d = deliveries.get("checkout_session.completed")!;
    expect(d.signature).toMatch(/^v1,/);
    for (const header of ["webhook-id", "webhook-timestamp", "webhook-signature", "Content-Type", "User-Agent"]) expect(DOC).toContain(`\`${header}\``);
    expect(DOC).toContain(`User-Agent: ${USER_AGENT}`);
  });

  it("has a worked signature example that is actually correct", () => {
    const secret = /`(whsec_[A-Za-z0-9+/=]+)`/.exec(DOC.slice(DOC.indexOf("### A worked example")))?.[1];
    const [body] = codeBlocks("text");
    const worked = DOC.slice(DOC.indexOf("### A worked example"));
    const id = /`webhook-id`\s+`([^`]+)`/.exec(worked)?.[1];
    const timestamp = /`webhook-timestamp`\s+`(\d+)`/.exec(worked)?.[1];
    const signature = /the signature is `(v1,[^`]+)`/.exec(worked)?.[1];
    expect(secret && body && id && timestamp && signature).toBeTruthy();
    expect(new Webhook(secret!).sign(id!, new Date(Number(timestamp) * 1000), body)).toBe(signature);
    // The worked body is the completed example, compacted; the HTTP sample shows the same headers.
    const completed = codeBlocks("json").map((b) => JSON.parse(b) as { type: string }).find((e) => e.type === "checkout_session.completed");
    expect(JSON.parse(body)).toEqual(completed);
    expect(JSON.stringify(JSON.parse(body))).toBe(body);
    expect(DOC).toContain(`webhook-signature: ${signature}`);
    expect(DOC).toContain(`webhook-timestamp: ${timestamp}`);
    expect(DOC).toContain(`webhook-id: ${id}`);
  });
});
