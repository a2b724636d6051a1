import { db } from "@/lib/db/client";
import { markReadSchema, type MarkReadInput } from "@/lib/validation/notifications";
import { markReadResultSchema, type MarkReadResult } from "./public-read-result";

/**
 * Marks notifications read: the ids given (only this merchant's; others' ids and unknown ones change
 * nothing and are not told apart) or every unread one. Answers how many rows changed.
 */
export async function markRead(merchantId: string, input: MarkReadInput): Promise<MarkReadResult> {
  const { ids } = markReadSchema.parse(input);
  const result = await db.notification.updateMany({
    where: { merchantId, readAt: null, ...(ids && { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
  return markReadResultSchema.parse({ updated: result.count });
}
