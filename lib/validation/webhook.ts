// One schema for the Create/Edit Webhook form and the /api/v1/webhooks route handlers.
import { z } from "zod";
import { EVENT_TYPES } from "@/lib/events/catalog";

export const endpointUrlSchema = z
  .string({ error: "Enter an endpoint URL" })
  .trim()
  .min(1, "Enter an endpoint URL")
  .max(2048, "The URL is at most 2048 characters")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL such as https://example.com/webhooks" });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      ctx.addIssue({ code: "custom", message: "The URL must start with https:// or http://" });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "The URL must not contain a username or password" });
    } else if (!url.hostname) {
      ctx.addIssue({ code: "custom", message: "The URL needs a host name" });
    } else if (url.port === "0") {
      ctx.addIssue({ code: "custom", message: "The port must be between 1 and 65535" });
    }
  });

const descriptionSchema = z.string().trim().max(500, "The description is at most 500 characters");
const eventTypesSchema = z.array(z.enum(EVENT_TYPES)).max(EVENT_TYPES.length).transform((t) => [...new Set(t)]);

export const MAX_CUSTOM_HEADERS = 10;
export const MAX_HEADER_VALUE_BYTES = 1024;
export const MAX_HEADER_NAME_LENGTH = 100;
/**
 * How a saved custom header's value is shown (API, dashboard, delivery log). Sent back in a PATCH it
 * means "keep the value saved under this name": it is not printable ASCII, so it is never a real value.
 */
export const MASKED_HEADER_VALUE = "••••••";

// RFC 9110 token characters.
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII, space and tab: no CR/LF (header injection) and nothing a proxy might re-encode.
const PRINTABLE = /^[\x20-\x7E\t]*$/;
/** Headers that frame, route or identify the request, or carry our signature: set by DashX only. */
const RESERVED = new Set([
  "content-type", "content-length", "content-encoding", "transfer-encoding", "host", "user-agent", "connection", "keep-alive",
  "upgrade", "te", "trailer", "expect", "proxy-authorization", "proxy-authenticate", "proxy-connection", "date", "accept-encoding",
]);
const isReserved = (name: string) => {
  const lower = name.toLowerCase();
  return RESERVED.has(lower) || lower.startsWith("webhook-") || lower.startsWith("proxy-");
};

/** Custom request headers: name → value. Issues are reported at `headers.<name>` so the form can point at the row. */
export const customHeadersSchema = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  const names = Object.keys(headers);
  if (names.length > MAX_CUSTOM_HEADERS) ctx.addIssue({ code: "custom", message: `At most ${MAX_CUSTOM_HEADERS} custom headers` });
  const seen = new Set<string>();
  for (const name of names) {
    const value = headers[name];
    const path = [name];
    if (name.length > MAX_HEADER_NAME_LENGTH) ctx.addIssue({ code: "custom", path, message: `A header name is at most ${MAX_HEADER_NAME_LENGTH} characters` });
    else if (!HTTP_TOKEN.test(name)) ctx.addIssue({ code: "custom", path, message: "A header name uses letters, digits and - _ . ! # $ % & ' * + ^ ` | ~ only" });
    else if (isReserved(name)) ctx.addIssue({ code: "custom", path, message: `${name} is set by DashX and cannot be overridden` });
    else if (seen.has(name.toLowerCase())) ctx.addIssue({ code: "custom", path, message: `${name} is listed twice (header names ignore case)` });
    else if (value === MASKED_HEADER_VALUE) {
      // "keep the saved value": resolved (or refused) by updateEndpoint, which knows what is saved
    } else if (value.length === 0) ctx.addIssue({ code: "custom", path, message: "Enter a value" });
    else if (!PRINTABLE.test(value)) ctx.addIssue({ code: "custom", path, message: "A header value uses printable ASCII characters only (no line breaks)" });
    else if (value.length > MAX_HEADER_VALUE_BYTES) ctx.addIssue({ code: "custom", path, message: `A header value is at most ${MAX_HEADER_VALUE_BYTES} bytes` });
    seen.add(name.toLowerCase());
  }
});
export type CustomHeaders = z.infer<typeof customHeadersSchema>;

/** A new endpoint has nothing saved: the mask is not a value there. */
const newHeadersSchema = customHeadersSchema.superRefine((headers, ctx) => {
  for (const [name, value] of Object.entries(headers)) {
    if (value === MASKED_HEADER_VALUE) ctx.addIssue({ code: "custom", path: [name], message: "Enter a value" });
  }
});

export const createWebhookSchema = z.strictObject({
  url: endpointUrlSchema,
  description: descriptionSchema.default(""),
  eventTypes: eventTypesSchema.default([]),
  headers: newHeadersSchema.default({}),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z.strictObject({
  url: endpointUrlSchema.optional(),
  description: descriptionSchema.optional(),
  eventTypes: eventTypesSchema.optional(),
  // Replaces the whole set; a value of MASKED_HEADER_VALUE keeps what is saved under that name.
  headers: customHeadersSchema.optional(),
  status: z.enum(["enabled", "disabled"]).optional(),
});
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const testEventSchema = z.strictObject({ type: z.enum(EVENT_TYPES).default("checkout_session.completed") });
