import { describe, expect, it } from "vitest";
import {
  API_VERSION,
  buildEnvelope,
  checkoutSessionSchema,
  EVENT_TYPES,
  eventDataSchemas,
  eventTypeSchema,
  sampleEventData,
  type CheckoutSession,
} from "./catalog";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SESSION_KEYS = [
  "id",
  "createdAt",
  "amountTotal",
  "currency",
  "status",
  "customer_id",
  "transaction_hash",
  "payment_link_id",
  "payment_link_title",
  "from_address",
  "updatedAt",
];

const session: CheckoutSession = {
  id: "cs_01HZX3",
  createdAt: "2026-01-01T10:00:00.000Z",
  amountTotal: "25.00",
  currency: "USDC",
  status: "completed",
  customer_id: "cus_123",
  transaction_hash: "0xabc",
  payment_link_id: "pl_1",
  payment_link_title: "Coffee",
  from_address: "0x52908400098527886E0F7030069857D2E4169EE7",
  updatedAt: "2026-01-01T10:01:00.000Z",
};

describe("catalog", () => {
  it("has exactly the three checkout session types and the seed's API version", () => {
    expect(EVENT_TYPES).toEqual(["checkout_session.completed", "checkout_session.expired", "checkout_session.canceled"]);
    expect(API_VERSION).toBe("2023-01-11");
    expect(eventTypeSchema.safeParse("checkout_session.cancelled").success).toBe(false);
  });
});

describe("buildEnvelope", () => {
  it("has the seed's field names, in order, byte for byte", () => {
    const now = new Date("2026-01-01T10:01:00.000Z");
    const envelope = buildEnvelope("checkout_session.completed", { object: session }, now);
    expect(Object.keys(envelope)).toEqual(["id", "apiVersion", "created", "object", "type", "data"]);
    expect(envelope.id).toMatch(UUID_V4);
    expect(envelope).toMatchObject({ apiVersion: "2023-01-11", created: now.getTime(), object: "checkoutSession", type: "checkout_session.completed" });
    expect(JSON.stringify(envelope)).toBe(
      `{"id":"${envelope.id}","apiVersion":"2023-01-11","created":1767261660000,"object":"checkoutSession","type":"checkout_session.completed","data":{"object":${JSON.stringify(session)}}}`,
    );
  });

  it("uses unix milliseconds for created and a fresh uuid v4 per event", () => {
    const before = Date.now();
    const a = buildEnvelope("checkout_session.expired", null);
    const b = buildEnvelope("checkout_session.expired", null);
    expect(Number.isInteger(a.created)).toBe(true);
    expect(a.created).toBeGreaterThanOrEqual(before);
    expect(a.created).toBeLessThanOrEqual(Date.now());
    expect(a.id).not.toBe(b.id);
    expect(b.id).toMatch(UUID_V4);
  });

  it("serialises data as null for expired and canceled", () => {
    for (const type of ["checkout_session.expired", "checkout_session.canceled"] as const) {
      expect(JSON.stringify(buildEnvelope(type, null))).toContain(`"type":"${type}","data":null}`);
    }
  });
});

describe("eventDataSchemas", () => {
  it("completed requires the full checkout session object", () => {
    const schema = eventDataSchemas["checkout_session.completed"];
    expect(schema.parse({ object: session })).toEqual({ object: session });
    expect(schema.safeParse(null).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
    const { transaction_hash: _omitted, ...missing } = session;
    expect(schema.safeParse({ object: missing }).success).toBe(false);
  });

  it("completed allows null for the optional snake_case fields", () => {
    const nullable = { ...session, customer_id: null, transaction_hash: null, payment_link_id: null, payment_link_title: null, from_address: null };
    expect(eventDataSchemas["checkout_session.completed"].safeParse({ object: nullable }).success).toBe(true);
  });

  it.each(["25.00", "25", "0.000001", "1000000.50"])("accepts the decimal string amount %j", (amountTotal) => {
    expect(checkoutSessionSchema.safeParse({ ...session, amountTotal }).success).toBe(true);
  });

  it.each<unknown>([25, 25.5, "25.", ".5", "-1.00", "1e3", "25,00", " 25.00", "", null])("refuses the amount %j", (amountTotal) => {
    const result = checkoutSessionSchema.safeParse({ ...session, amountTotal });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["amountTotal"]);
  });

  it("refuses unknown keys, including camelCase twins of the seed's snake_case ones", () => {
    expect(checkoutSessionSchema.safeParse({ ...session, customerId: "cus_123" }).success).toBe(false);
    expect(eventDataSchemas["checkout_session.completed"].safeParse({ object: session, extra: 1 }).success).toBe(false);
  });

  it.each(["checkout_session.expired", "checkout_session.canceled"] as const)("%s requires null", (type) => {
    const schema = eventDataSchemas[type];
    expect(schema.parse(null)).toBeNull();
    expect(schema.safeParse({ object: session }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse(undefined).success).toBe(false);
  });
});

describe("sampleEventData", () => {
  it("gives completed a valid session with all 11 fields and a decimal-string amount", () => {
    const data = sampleEventData("checkout_session.completed");
    expect(eventDataSchemas["checkout_session.completed"].safeParse(data).success).toBe(true);
    expect(Object.keys(data!.object)).toEqual(SESSION_KEYS);
    expect(typeof data!.object.amountTotal).toBe("string");
  });

  it("gives expired and canceled null", () => {
    expect(sampleEventData("checkout_session.expired")).toBeNull();
    expect(sampleEventData("checkout_session.canceled")).toBeNull();
  });
});
