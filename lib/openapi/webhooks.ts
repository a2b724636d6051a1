// The OpenAPI 3.1 `webhooks` section: each event type we POST to a merchant's endpoint, its body and the
// Standard Webhooks headers, and what the endpoint must answer.
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { EVENT_CATALOG, envelopeSchema } from "./event-types";

const headers = z.object({
  "webhook-id": z.string().meta({ description: "The event id, the same on every retry of it: your idempotency key", example: "5f0c8a2e-3b1d-4c6e-9a7f-2d4b6e8f0a1c" }),
  "webhook-timestamp": z.string().regex(/^\d+$/).meta({ description: "Unix seconds when this attempt was signed; refuse ones far from your clock", example: "1796652300" }),
  "webhook-signature": z.string().meta({
    description:
      "Space-separated `v1,<base64 HMAC-SHA256>` of `${webhook-id}.${webhook-timestamp}.${body}` keyed with the base64-decoded part of your `whsec_…` secret; during a rotation each secret still within its overlap signs too. Verify with the `standardwebhooks` or `svix` libraries.",
    example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
  }),
});

const operationId = (type: string) => "webhook_" + type.replace(/[^a-zA-Z0-9]+/g, "_");

export function webhooks(): ZodOpenApiPathsObject {
  return Object.fromEntries(
    EVENT_CATALOG.map((entry) => [
      entry.type,
      {
        post: {
          operationId: operationId(entry.type),
          summary: entry.summary,
          description: `${entry.description}\n\nA \`POST\` to the endpoint URL with \`Content-Type: application/json\`. Any 2xx within 10 s acknowledges it; anything else (redirects included) is a failure, retried on 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (±20 %).`,
          tags: ["Events"],
          // What the receiver checks: the Standard Webhooks signature (components.securitySchemes.webhookSignature).
          security: [{ webhookSignature: [] }],
          requestParams: { header: headers },
          requestBody: { required: true, content: { "application/json": { schema: envelopeSchema(entry), example: entry.example } } },
          responses: {
            "200": { description: "Any 2xx acknowledges the event" },
            "400": { description: "Any other answer (or none within 10 s) is a failure and is retried" },
          },
        },
      },
    ]),
  );
}
