// The catalog's examples are what the delivery path sends: same keys in the same order, valid against
// the type's data schema, for every type the intake accepts.
import { describe, expect, it } from "vitest";
import { buildEnvelope, EVENT_TYPES, eventDataSchemas, sampleEventData } from "@/lib/events/catalog";
import { schemaAt } from "@/tests/integration/contract";
import { ENDPOINT_NOTIFICATION_KINDS, notificationDataSchema } from "@/lib/notifications/kinds";
import { operationalPayload } from "@/lib/notifications/operational";
import { EVENT_CATALOG, envelopeSchema, eventTypes } from "./event-types";

/** Every key path in order: two bodies with the same shape, byte order included, give the same list. */
const keyPaths = (value: unknown, prefix = ""): string[] =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? Object.entries(value).flatMap(([k, v]) => [prefix + k, ...keyPaths(v, `${prefix}${k}.`)])
    : [];

describe("the event catalog", () => {
  it("lists every event type the intake accepts, the signature probe, and every kind the operational webhook receives", () => {
    expect(EVENT_CATALOG.map((e) => e.type)).toEqual([...EVENT_TYPES, "webhook.signature_probe", ...ENDPOINT_NOTIFICATION_KINDS]);
    expect(EVENT_CATALOG.filter((e) => e.channel === "operational").map((e) => e.type)).toEqual([...ENDPOINT_NOTIFICATION_KINDS]);
  });

  it.each([...ENDPOINT_NOTIFICATION_KINDS])("%s: the operational example is the body the dispatcher sends, {type, timestamp, data}, closed", (kind) => {
    const entry = EVENT_CATALOG.find((e) => e.type === kind)!;
    const example = entry.example as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(Object.keys(example)).toEqual(["type", "timestamp", "data"]);
    expect(example.type).toBe(kind);
    const { count, ...data } = example.data;
    const resent = operationalPayload(kind, notificationDataSchema.parse(kind === "delivery.exhausted" ? data : example.data), Number(count ?? 1), new Date(example.timestamp));
    expect(JSON.stringify(resent)).toBe(JSON.stringify(example));
    expect(envelopeSchema(entry).safeParse(example).success).toBe(true);
    expect(envelopeSchema(entry).safeParse({ ...example, object: "x" }).success).toBe(false);
    expect(entry.object).toBeNull();
  });

  it.each([...EVENT_TYPES])("%s: the example has the delivered envelope's keys in wire order and valid data", (type) => {
    const entry = EVENT_CATALOG.find((e) => e.type === type)!;
    const delivered = buildEnvelope(type, sampleEventData(type));
    expect(keyPaths(entry.example)).toEqual(keyPaths(delivered));
    expect(eventDataSchemas[type].safeParse(entry.example.data).success).toBe(true);
    expect(envelopeSchema(entry).safeParse(entry.example).success).toBe(true);
    expect(envelopeSchema(entry).safeParse(delivered).success).toBe(true);
  });

  it("answers each example byte-exact, with the JSON Schema of data", () => {
    for (const t of eventTypes().data) {
      expect(t.exampleBody).toBe(JSON.stringify(t.example));
      expect(t.dataSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    }
    const completed = eventTypes().data[0]!;
    expect(Object.keys((completed.dataSchema.properties as { object: { properties: object } }).object.properties)).toContain("transaction_hash");
  });

  it("documents each type under the document's webhooks, its example valid against the body schema", () => {
    for (const entry of EVENT_CATALOG) {
      const validate = schemaAt("webhooks", entry.type, "post", "requestBody", "content", "application/json", "schema");
      expect(validate(entry.example), `${entry.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate({ ...entry.example, extra: 1 }), `${entry.type} is closed`).toBe(false);
    }
  });
});
