import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { operationalWebhookSchema, type OperationalWebhookInput } from "@/lib/validation/notifications";
import { assertDeliverableUrl } from "./assert-deliverable-url";
import { insertEndpoint } from "./create-endpoint";
import { savedOperationalWebhookSchema, toPublicOperationalWebhook, type SavedOperationalWebhook } from "./public-operational-webhook";
import { updateEndpoint } from "./update-endpoint";

/**
 * Sets the merchant's operational webhook: creates it (answering its secret, the only time) or changes
 * its URL and event types. It is an Endpoint of kind "operational": signed, retried and logged by the same
 * engine, under the same SSRF rules, but it takes none of the merchant's WEBHOOK_MAX_ENDPOINTS slots.
 * Absent eventTypes means every endpoint kind (stored as [] like an endpoint's "all events"). Saving a
 * disabled one (auto-disabled after days of failures) enables it again, through updateEndpoint: the one
 * writer of an endpoint's status and health.
 */
export async function putOperationalWebhook(merchantId: string, input: OperationalWebhookInput, actor: Actor = SYSTEM_ACTOR): Promise<SavedOperationalWebhook> {
  const data = operationalWebhookSchema.parse(input);
  await assertDeliverableUrl(data.url);
  const eventTypes = data.eventTypes ?? [];
  const { row, secret } = await db.$transaction(async (tx) => {
    // A no-op write on the merchant row is the lock: two first PUTs at once (PostgreSQL, many instances)
    // queue here, and the second finds the first one's endpoint instead of creating a second.
    await tx.merchant.updateMany({ where: { id: merchantId }, data: { endpointCount: { increment: 0 } } });
    const existing = await tx.endpoint.findFirst({ where: { merchantId, kind: "operational" }, select: { id: true } });
    if (!existing) return insertEndpoint(tx, merchantId, { url: data.url, description: "Operational webhook", eventTypes, headers: {} }, "operational");
    await tx.endpoint.updateMany({ where: { id: existing.id, merchantId, kind: "operational" }, data: { url: data.url, eventTypes } });
    return { row: await tx.endpoint.findFirstOrThrow({ where: { id: existing.id, merchantId } }), secret: undefined };
  }, { maxWait: 10_000, timeout: 10_000 });
  if (row.status !== "enabled") {
    await updateEndpoint(merchantId, row.id, { status: "enabled" }, actor);
    row.status = "enabled";
  }
  await recordAudit({
    merchantId,
    endpointId: row.id,
    actor,
    action: secret ? "operational_webhook.created" : "operational_webhook.updated",
    detail: { url: row.url, eventTypes },
  });
  return savedOperationalWebhookSchema.parse({ ...toPublicOperationalWebhook(row), ...(secret && { secret }) });
}
