// GET/POST /api/v1/unsubscribe/{token} : one-click unsubscribe from one email kind (RFC 8058), no login.
// GET only shows a confirmation with a button (mail scanners follow links); POST (the mail client's
// one-click, or that button) turns the kind's email off, once. A browser gets a page, anything else JSON.
import { NextResponse } from "next/server";
import { ApiError, handleApiError } from "@/lib/api/errors";
import { readUnsubscribeLink, unsubscribe, unsubscribeResultSchema } from "@/lib/notifications/unsubscribe";
import { confirmPage, kindLabel, resultPage } from "@/lib/notifications/unsubscribe-page";

type Context = { params: Promise<{ token: string }> };

const html = (body: string, status = 200) => new NextResponse(body, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
const wantsHtml = (req: Request) => (req.headers.get("accept") ?? "").includes("text/html");

function failure(req: Request, error: unknown): NextResponse {
  if (wantsHtml(req) && error instanceof ApiError) return html(resultPage("This link does not work", error.message), error.status);
  return handleApiError(error);
}

export async function GET(req: Request, { params }: Context) {
  try {
    const { token } = await params;
    const link = await readUnsubscribeLink(token);
    return html(confirmPage(link.kind, link.used, new URL(req.url).pathname));
  } catch (error) {
    return failure(req, error);
  }
}

export async function POST(req: Request, { params }: Context) {
  try {
    const kind = await unsubscribe((await params).token);
    if (wantsHtml(req)) return html(resultPage("Unsubscribed", `You will get no more emails about ${kindLabel(kind)}. Turn them back on in Settings → Notifications.`));
    return NextResponse.json(unsubscribeResultSchema.parse({ unsubscribed: true, kind }));
  } catch (error) {
    return failure(req, error);
  }
}
