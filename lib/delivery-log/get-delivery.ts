import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { publicDeliveryDetailSchema, toPublicAttempt, toPublicDelivery, type PublicDeliveryDetail } from "./public-delivery";

/** The newest attempts per page: a delivery resent many times must not make one response unbounded. */
export const ATTEMPTS_PAGE = 20;

// Keyset cursor "<attemptNumber>_<attemptId>": attempt numbers are not unique (a Resend goes on counting,
// but nothing in the schema forbids a repeat), so the id breaks ties.
const CURSOR = /^(\d{1,9})_([\w-]{1,64})$/;
export const attemptsQuerySchema = z.object({ attemptsCursor: z.string().regex(CURSOR, "Not a cursor from nextAttemptCursor").optional() });

/** One delivery with its newest attempts' exact request and response; `nextAttemptCursor` pages to older ones. */
export async function getDelivery(merchantId: string, id: string, query: z.input<typeof attemptsQuerySchema> = {}): Promise<PublicDeliveryDetail> {
  const { attemptsCursor } = attemptsQuerySchema.parse(query);
  const [, n, afterId] = attemptsCursor ? (CURSOR.exec(attemptsCursor) ?? []) : [];
  const older = n === undefined || afterId === undefined ? {} : { OR: [{ attemptNumber: { lt: Number(n) } }, { attemptNumber: Number(n), id: { lt: afterId } }] };
  const row = await db.delivery.findFirst({
    where: { id, merchantId },
    include: {
      event: { select: { type: true, isTest: true, payload: true } },
      attempts: { where: older, orderBy: [{ attemptNumber: "desc" }, { id: "desc" }], take: ATTEMPTS_PAGE + 1 },
    },
  });
  if (!row) throw notFound("Delivery");
  const page = row.attempts.slice(0, ATTEMPTS_PAGE);
  const last = page[page.length - 1];
  const nextAttemptCursor = row.attempts.length > ATTEMPTS_PAGE && last ? `${last.attemptNumber}_${last.id}` : null;
  return publicDeliveryDetailSchema.parse({ ...toPublicDelivery(row), attemptLog: page.map((a) => toPublicAttempt(a, row.event.payload)), nextAttemptCursor });
}
