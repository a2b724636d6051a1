// The tiny pages of the one-click unsubscribe link: the GET confirmation (a button that POSTs: a GET
// never changes anything, mail scanners follow links) and the answer a browser sees after the POST.
import { escapeHtml } from "./email-content";
import { renderNotification, type NotificationKind } from "./kinds";

/** "Paused", "Failing", … : the kind's title without the endpoint, for "emails about …". */
const KIND_LABELS: Record<NotificationKind, string> = {
  "endpoint.failing": "failing endpoints",
  "endpoint.paused": "paused endpoints",
  "endpoint.disabled": "disabled endpoints",
  "endpoint.recovered": "recovered endpoints",
  "delivery.exhausted": "deliveries that gave up",
  "endpoint.signature_unverified": "endpoints that accept forged requests",
  "account.password_changed": renderNotification("account.password_changed", {}).title,
  "account.two_factor_disabled": renderNotification("account.two_factor_disabled", {}).title,
  "account.api_key_created": "API keys created",
  "account.sessions_revoked": renderNotification("account.sessions_revoked", {}).title,
};

export const kindLabel = (kind: NotificationKind) => KIND_LABELS[kind];

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1 style="font-size:1.25rem">${escapeHtml(title)}</h1>${body}</body></html>`;
}

export function confirmPage(kind: NotificationKind, used: boolean, action: string): string {
  if (used) return resultPage("This link was already used", "Emails about this were already turned off. Change it back in Settings → Notifications.");
  return page(
    "Unsubscribe",
    `<p>Stop emails about ${escapeHtml(kindLabel(kind))}? They stay in the dashboard's Notifications inbox, and you can turn them back on in Settings → Notifications.</p>` +
      `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );
}

export function resultPage(title: string, message: string): string {
  return page(title, `<p>${escapeHtml(message)}</p>`);
}
