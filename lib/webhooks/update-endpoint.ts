import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { updateWebhookSchema, type UpdateWebhookInput } from "@/lib/validation/webhook";
import { assertDeliverableUrl } from "./create-endpoint";
import { toPublicEndpoint, type PublicEndpoint } from "./endpoint";

export async function updateEndpoint(merchantId: string, id: string, input: UpdateWebhookInput): Promise<PublicEndpoint> {
  const data = updateWebhookSchema.parse(input);
  if (data.url !== undefined) await assertDeliverableUrl(data.url);
  const statusChange =
    data.status === "enabled" ? { disabledReason: null } : data.status === "disabled" ? { disabledReason: "Disabled by the merchant" } : {};
  const result = await db.endpoint.updateMany({
    where: { id, merchantId },
    data: {
      ...(data.url !== undefined && { url: data.url }),
      ...(data.description !== undefined && { description: data.description }),
      ...(data.eventTypes !== undefined && { eventTypes: JSON.stringify(data.eventTypes) }),
      ...(data.status !== undefined && { status: data.status }),
      ...statusChange,
    },
  });
  if (result.count === 0) throw notFound();
  const row = await db.endpoint.findFirst({ where: { id, merchantId } });
  if (!row) throw notFound();
  return toPublicEndpoint(row);
}
