import { z } from "zod";
import { eventDataSchemas, eventTypeSchema } from "@/lib/events/catalog";

/** POST /api/v1/events body: the type picks the schema `data` must match. */
export const intakeSchema = z
  .strictObject({ merchantId: z.string().min(1).max(100), type: eventTypeSchema, data: z.unknown() })
  .transform((body, ctx) => {
    const data = eventDataSchemas[body.type].safeParse(body.data === undefined ? null : body.data);
    if (!data.success) {
      for (const issue of data.error.issues) ctx.addIssue({ ...issue, path: ["data", ...issue.path] } as z.core.$ZodRawIssue);
      return z.NEVER;
    }
    return { merchantId: body.merchantId, type: body.type, data: data.data };
  });

export const idempotencyKeySchema = z.string().trim().min(1).max(255).optional();
