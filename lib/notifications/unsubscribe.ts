// One-click unsubscribe (RFC 8058): each email of a switchable kind carries a link of its own (an
// UnsubscribeToken row, signed: unsubscribe-token.ts). POSTing it turns email off for that kind, once;
// a forged link is a 404 and a used one a 400, and neither changes anything. No session: the signed,
// single-use token is the authority, as a mail provider's one-click POST carries no cookie.
import { ApiError } from "@/lib/api/errors";
import { db, type Prisma } from "@/lib/db/client";
import { newId } from "@/lib/delivery/ids";
import { env } from "@/lib/env";
import { z } from "zod";
import { notificationKindSchema, type NotificationKind } from "./kinds";
import { isSwitchable } from "./preferences";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";

export const unsubscribeUrl = (appUrl: string, token: string) => `${appUrl}/api/v1/unsubscribe/${encodeURIComponent(token)}`;

export async function newUnsubscribeLink(
  tx: Pick<Prisma.TransactionClient, "unsubscribeToken">,
  input: { merchantId: string; kind: NotificationKind; appUrl: string; authSecret: string },
): Promise<string> {
  const id = newId("uns_");
  await tx.unsubscribeToken.create({ data: { id, merchantId: input.merchantId, channel: "email", kind: input.kind } });
  return unsubscribeUrl(input.appUrl, signUnsubscribeToken(id, input.authSecret));
}

/** POST's answer to a client that is not a browser (RFC 8058's one-click POST from a mail provider). */
export const unsubscribeResultSchema = z.object({ unsubscribed: z.literal(true), kind: notificationKindSchema });

const invalid = () => new ApiError("not_found", "This unsubscribe link is not valid");
const used = () => new ApiError("bad_request", "This unsubscribe link was already used");

/** What a link would do, read only (the GET confirmation page: mail scanners follow links). */
export async function readUnsubscribeLink(token: string): Promise<{ kind: NotificationKind; used: boolean }> {
  const id = verifyUnsubscribeToken(token, env().AUTH_SECRET);
  if (!id) throw invalid();
  const row = await db.unsubscribeToken.findUnique({ where: { id }, select: { kind: true, usedAt: true } });
  const kind = notificationKindSchema.safeParse(row?.kind);
  if (!row || !kind.success) throw invalid();
  return { kind: kind.data, used: row.usedAt !== null };
}

/** Uses the link: email for its kind off for its merchant. Returns the kind. */
export async function unsubscribe(token: string): Promise<NotificationKind> {
  const id = verifyUnsubscribeToken(token, env().AUTH_SECRET);
  if (!id) throw invalid();
  const row = await db.unsubscribeToken.findUnique({ where: { id }, select: { merchantId: true, channel: true, kind: true, usedAt: true } });
  const kind = notificationKindSchema.safeParse(row?.kind);
  if (!row || !kind.success || row.channel !== "email" || !isSwitchable("email", kind.data)) throw invalid();
  if (row.usedAt) throw used();
  await db.$transaction(async (tx) => {
    // The single use is this conditional write: two clicks at once turn it off once, the second is a 400.
    const claimed = await tx.unsubscribeToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) throw used();
    await tx.notificationPreference.upsert({
      where: { merchantId_channel_kind: { merchantId: row.merchantId, channel: "email", kind: kind.data } },
      create: { merchantId: row.merchantId, channel: "email", kind: kind.data, enabled: false },
      update: { enabled: false },
    });
  });
  return kind.data;
}
