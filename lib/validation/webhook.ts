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
    }
  });

const descriptionSchema = z.string().trim().max(500, "The description is at most 500 characters");
const eventTypesSchema = z.array(z.enum(EVENT_TYPES)).max(EVENT_TYPES.length).transform((t) => [...new Set(t)]);

export const createWebhookSchema = z.strictObject({
  url: endpointUrlSchema,
  description: descriptionSchema.default(""),
  eventTypes: eventTypesSchema.default([]),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z.strictObject({
  url: endpointUrlSchema.optional(),
  description: descriptionSchema.optional(),
  eventTypes: eventTypesSchema.optional(),
  status: z.enum(["enabled", "disabled"]).optional(),
});
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const testEventSchema = z.strictObject({ type: z.enum(EVENT_TYPES).default("checkout_session.completed") });
