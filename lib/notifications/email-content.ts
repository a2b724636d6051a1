// One notification as an email: the subject is the kind's title (renderNotification, kinds.ts), the text
// and HTML repeat the facts (endpoint, description, state, last error, since) with the links that fix it:
// the endpoint's page, Recover on it, Settings → Notifications. Pure: the dispatcher writes what this
// returns into the outbox (NotificationEmail), so a message is rendered once, whatever the retries.
import { formatTime } from "@/lib/format-time";
import { isSecurityKind, renderNotification, type NotificationData, type NotificationKind } from "./kinds";

export type EmailContent = { subject: string; text: string; html: string; headers: Record<string, string> };

export type EmailLinks = {
  /** The dashboard's public URL (APP_URL, no trailing slash). */
  appUrl: string;
  /** The one-click unsubscribe URL for this kind (none on security notices: they cannot be switched off). */
  unsubscribeUrl?: string;
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export const endpointPageUrl = (appUrl: string, endpointId: string) => `${appUrl}/webhooks/${encodeURIComponent(endpointId)}`;
/** Recover lives in the endpoint page's "Delivery health" section. */
export const recoverUrl = (appUrl: string, endpointId: string) => `${endpointPageUrl(appUrl, endpointId)}#delivery-health`;
export const settingsUrl = (appUrl: string) => `${appUrl}/settings#notifications`;

const STATE_WORDS: Record<string, string> = { ok: "Healthy", failing: "Failing", paused: "Paused", disabled: "Disabled" };

/** The facts a message lists, in order, label → value (only those the notification has). */
function facts(data: NotificationData, count: number, kind: NotificationKind): Array<[string, string]> {
  const rows: Array<[string, string | undefined]> = [
    ["Endpoint", data.url],
    ["Description", data.description || undefined],
    ["State", data.state ? STATE_WORDS[data.state] : undefined],
    ["Last error", data.lastError ?? undefined],
    ["Since", data.since ? formatTime(data.since) : undefined],
    ["Paused until", data.pausedUntil ? formatTime(data.pausedUntil) : undefined],
    ["Deliveries", kind === "delivery.exhausted" ? String(count) : undefined],
    ["Reason", data.reason],
    ["By", data.actor],
    ["API key", data.keyName ? `${data.keyName}${data.keyPrefix ? ` (${data.keyPrefix}…)` : ""}` : undefined],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== "");
}

function links(kind: NotificationKind, data: NotificationData, appUrl: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (data.endpointId) {
    out.push(["Open the endpoint", endpointPageUrl(appUrl, data.endpointId)]);
    if (kind !== "endpoint.signature_unverified") out.push(["Recover failed deliveries", recoverUrl(appUrl, data.endpointId)]);
  }
  if (isSecurityKind(kind)) out.push(["Review your account", `${appUrl}/settings#security`]);
  out.push(["Notification settings", settingsUrl(appUrl)]);
  return out;
}

/** RFC 8058 one-click: both headers, and only where the kind can be switched off. */
export function unsubscribeHeaders(unsubscribeUrl: string | undefined): Record<string, string> {
  return unsubscribeUrl ? { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {};
}

function layout(title: string, paragraphs: string[], rows: Array<[string, string]>, actions: Array<[string, string]>, footer: string): string {
  const e = escapeHtml;
  return [
    `<!doctype html><html><head><meta charset="utf-8"><title>${e(title)}</title></head>`,
    `<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#111;max-width:600px;margin:0 auto;padding:24px">`,
    `<h1 style="font-size:18px;margin:0 0 12px">${e(title)}</h1>`,
    ...paragraphs.map((p) => `<p style="margin:0 0 12px;line-height:1.5">${e(p)}</p>`),
    rows.length
      ? `<table style="border-collapse:collapse;margin:0 0 16px">${rows
          .map(([k, v]) => `<tr><th align="left" style="padding:2px 12px 2px 0;color:#555;font-weight:normal">${e(k)}</th><td style="padding:2px 0;font-family:ui-monospace,monospace">${e(v)}</td></tr>`)
          .join("")}</table>`
      : "",
    `<p style="margin:0 0 16px">${actions.map(([label, href]) => `<a href="${e(href)}" style="margin-right:16px">${e(label)}</a>`).join("")}</p>`,
    `<p style="color:#777;font-size:12px">${e(footer)}</p>`,
    `</body></html>`,
  ].join("");
}

function textBody(paragraphs: string[], rows: Array<[string, string]>, actions: Array<[string, string]>, footer: string): string {
  return [...paragraphs, "", ...rows.map(([k, v]) => `${k}: ${v}`), "", ...actions.map(([label, href]) => `${label}: ${href}`), "", footer].join("\n");
}

/** The email for one notification (`count`: delivery.exhausted's number of deliveries at send time). */
export function renderNotificationEmail(kind: NotificationKind, data: NotificationData, count: number, options: EmailLinks): EmailContent {
  const { title, body } = renderNotification(kind, data, count);
  const rows = facts(data, count, kind);
  const actions = links(kind, data, options.appUrl);
  const security = isSecurityKind(kind);
  const footer = security
    ? "Account security notices are always sent and cannot be switched off."
    : `You get this because email notifications for this kind are on. Change them in Settings → Notifications${options.unsubscribeUrl ? " or unsubscribe from this kind with the link in this message's header" : ""}.`;
  return {
    subject: title,
    text: textBody([title, body], rows, actions, footer),
    html: layout(title, [body], rows, actions, footer),
    headers: security ? {} : unsubscribeHeaders(options.unsubscribeUrl),
  };
}

export type DigestItem = { subject: string; at: Date };

/**
 * The one digest for the notices of an endpoint the storm cap held back: "5 more changes to <url> since
 * 14:00 UTC", each change listed with its time.
 */
export function renderDigestEmail(endpoint: { id: string; url: string }, items: DigestItem[], options: EmailLinks): EmailContent {
  const sorted = [...items].sort((a, b) => a.at.getTime() - b.at.getTime());
  const since = sorted[0] ? formatTime(sorted[0].at) : "";
  const n = sorted.length;
  const subject = `${n} more ${n === 1 ? "change" : "changes"} to ${endpoint.url} since ${since}`;
  const intro = `To keep your inbox quiet we send at most 3 emails an hour about one endpoint. These ${n === 1 ? "change" : "changes"} came after that:`;
  const rows = sorted.map((item): [string, string] => [formatTime(item.at), item.subject]);
  const actions: Array<[string, string]> = [
    ["Open the endpoint", endpointPageUrl(options.appUrl, endpoint.id)],
    ["Recover failed deliveries", recoverUrl(options.appUrl, endpoint.id)],
    ["Notification settings", settingsUrl(options.appUrl)],
  ];
  const footer = "Every change is also in the dashboard's Notifications inbox.";
  return {
    subject,
    text: textBody([subject, intro], rows, actions, footer),
    html: layout(subject, [intro], rows, actions, footer),
    headers: {},
  };
}
