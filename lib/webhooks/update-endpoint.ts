import { ApiError, notFound } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { changeEndpointStatus } from "@/lib/delivery/endpoint-change-tx";
import { updateWebhookSchema, type UpdateWebhookInput } from "@/lib/validation/webhook";
import { assertDeliverableUrl } from "./assert-deliverable-url";
import { assertHeadersRetyped, resolveHeaders, sealHeaders } from "@/lib/crypto/sealed-headers";
import { toPublicEndpoint, type PublicEndpoint } from "./public-endpoint";

export async function updateEndpoint(merchantId: string, id: string, input: UpdateWebhookInput, actor: Actor = SYSTEM_ACTOR): Promise<PublicEndpoint> {
  const data = updateWebhookSchema.parse(input);
  if (Object.keys(data).length === 0) {
    throw new ApiError("validation_failed", "Nothing to change: send at least one of url, description, eventTypes, headers or status");
  }
  if (data.url !== undefined) await assertDeliverableUrl(data.url);
  let headersCiphertext: string | null | undefined;
  if (data.headers !== undefined || data.url !== undefined) {
    const saved = await db.endpoint.findFirst({ where: { id, merchantId }, select: { url: true, headersCiphertext: true } });
    if (!saved) throw notFound();
    if (data.url !== undefined) assertHeadersRetyped(saved.url, data.url, saved.headersCiphertext, data.headers);
    if (data.headers !== undefined) headersCiphertext = sealHeaders(resolveHeaders(data.headers, saved.headersCiphertext));
  }
  // The status and the health it resets are the engine's columns: lib/delivery/endpoint-change-tx.ts
  // writes them and the endpoint.disabled notification in this same transaction.
  const row = await db.$transaction(async (tx) => {
    // updatedAt named: with a status-only PATCH the data would be empty, and Prisma skips an empty update (count 0).
    const result = await tx.endpoint.updateMany({
      where: { id, merchantId },
      data: {
        updatedAt: new Date(),
        ...(data.url !== undefined && { url: data.url }),
        ...(data.description !== undefined && { description: data.description }),
        ...(data.eventTypes !== undefined && { eventTypes: data.eventTypes }),
        ...(headersCiphertext !== undefined && { headersCiphertext }),
      },
    });
    if (result.count === 0) throw notFound();
    if (data.status !== undefined) await changeEndpointStatus(tx, merchantId, id, data.status, actor);
    return tx.endpoint.findFirst({ where: { id, merchantId } });
  });
  if (!row) throw notFound();
  const { status, headers, ...rest } = data;
  // Header values are often credentials: the audit trail records their names only.
  const changes = { ...rest, ...(headers && { headers: Object.keys(headers) }) };
  if (Object.keys(changes).length > 0) await recordAudit({ merchantId, endpointId: id, actor, action: "endpoint.updated", detail: changes });
  if (status) await recordAudit({ merchantId, endpointId: id, actor, action: status === "enabled" ? "endpoint.enabled" : "endpoint.disabled" });
  return toPublicEndpoint(row);
}
