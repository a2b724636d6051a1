// The event catalog and the seed's wire envelope (field names byte-for-byte, mixed case included).
import { z } from "zod";

// Web Crypto (global in Node 20 and browsers), not node:crypto: the dashboard's forms import this module
// through lib/validation, and node:crypto would pull a ~150 KB polyfill into the client bundle.
const randomUUID = () => globalThis.crypto.randomUUID();

export const API_VERSION = "2023-01-11";
export const EVENT_TYPES = [
  "checkout_session.completed",
  "checkout_session.expired",
  "checkout_session.canceled",
] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, "must be a decimal string such as \"25.00\"");

export const checkoutSessionSchema = z.strictObject({
  id: z.string().min(1).max(200),
  createdAt: z.string().min(1).max(64),
  amountTotal: decimalString,
  currency: z.string().min(1).max(16),
  status: z.string().min(1).max(32),
  customer_id: z.string().max(200).nullable(),
  transaction_hash: z.string().max(200).nullable(),
  payment_link_id: z.string().max(200).nullable(),
  payment_link_title: z.string().max(500).nullable(),
  from_address: z.string().max(200).nullable(),
  updatedAt: z.string().min(1).max(64),
});
export type CheckoutSession = z.infer<typeof checkoutSessionSchema>;

/** What `data` must be for each type: completed carries the session, expired/canceled carry null. */
export const eventDataSchemas = {
  "checkout_session.completed": z.strictObject({ object: checkoutSessionSchema }),
  "checkout_session.expired": z.null(),
  "checkout_session.canceled": z.null(),
} satisfies Record<EventType, z.ZodType>;

export type EventEnvelope = {
  id: string;
  apiVersion: typeof API_VERSION;
  created: number;
  object: "checkoutSession";
  type: EventType;
  data: { object: CheckoutSession } | null;
};

export function buildEnvelope(type: EventType, data: EventEnvelope["data"], now = new Date()): EventEnvelope {
  return { id: randomUUID(), apiVersion: API_VERSION, created: now.getTime(), object: "checkoutSession", type, data };
}

/** A realistic sample for test events and `npm run trigger`. */
export function sampleEventData(type: EventType, now = new Date()): EventEnvelope["data"] {
  if (type !== "checkout_session.completed") return null;
  const created = new Date(now.getTime() - 90_000).toISOString();
  return {
    object: {
      id: `cs_test_${randomUUID().replaceAll("-", "").slice(0, 24)}`,
      createdAt: created,
      amountTotal: "25.00",
      currency: "USDC",
      status: "completed",
      customer_id: "cus_test_4f9a1c",
      transaction_hash: "0x" + randomUUID().replaceAll("-", "") + randomUUID().replaceAll("-", ""),
      payment_link_id: "pl_test_8d2e5b",
      payment_link_title: "Test payment link",
      from_address: "0x52908400098527886E0F7030069857D2E4169EE7",
      updatedAt: now.toISOString(),
    },
  };
}
