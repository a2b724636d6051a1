import { describe, expect, it } from "vitest";
import { renderDigestEmail, renderNotificationEmail } from "./email-content";
import { ENDPOINT_NOTIFICATION_KINDS, SECURITY_NOTIFICATION_KINDS } from "./kinds";

const appUrl = "https://dash.example";
const unsubscribeUrl = "https://dash.example/api/v1/unsubscribe/uns_1.sig";
const data = {
  endpointId: "ep_1",
  url: "https://shop.example/hooks",
  description: "Orders <main>",
  state: "paused" as const,
  lastError: `connect ECONNREFUSED "127.0.0.1" <script>`,
  since: "2026-12-07T14:00:00Z",
  pausedUntil: "2026-12-07T14:05:00Z",
};

describe("notification emails", () => {
  it("endpoint.paused: the subject says it all; text and HTML carry the facts and the links", () => {
    const mail = renderNotificationEmail("endpoint.paused", data, 1, { appUrl, unsubscribeUrl });
    expect(mail.subject).toBe("Paused: https://shop.example/hooks is not answering");
    for (const part of ["https://shop.example/hooks", "Orders <main>", "State: Paused", "Since: 7 Dec 2026, 14:00 UTC", `${appUrl}/webhooks/ep_1`, `${appUrl}/webhooks/ep_1#delivery-health`, `${appUrl}/settings#notifications`]) {
      expect(mail.text).toContain(part);
    }
    expect(mail.html).toContain('href="https://dash.example/webhooks/ep_1"');
    expect(mail.html).toContain("Orders &lt;main&gt;");
    expect(mail.html).toContain("&quot;127.0.0.1&quot; &lt;script&gt;");
    expect(mail.html).not.toContain("<script>");
    expect(mail.headers).toEqual({ "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("every endpoint kind renders with its title as the subject and the endpoint link", () => {
    for (const kind of ENDPOINT_NOTIFICATION_KINDS) {
      const mail = renderNotificationEmail(kind, data, 37, { appUrl, unsubscribeUrl });
      expect(mail.subject, kind).toContain("https://shop.example/hooks");
      expect(mail.html, kind).toContain(`${appUrl}/webhooks/ep_1`);
      expect(mail.headers["List-Unsubscribe-Post"], kind).toBe("List-Unsubscribe=One-Click");
    }
    expect(renderNotificationEmail("delivery.exhausted", data, 37, { appUrl, unsubscribeUrl }).subject).toBe("37 deliveries to https://shop.example/hooks gave up since 7 Dec 2026, 14:00 UTC");
  });

  it("security notices have no unsubscribe header (they cannot be switched off) but link to settings", () => {
    for (const kind of SECURITY_NOTIFICATION_KINDS) {
      const mail = renderNotificationEmail(kind, { actor: "merchant:a@example.com", keyName: "CI", keyPrefix: "dxk_12" }, 1, { appUrl, unsubscribeUrl });
      expect(mail.headers, kind).toEqual({});
      expect(mail.text, kind).toContain(`${appUrl}/settings#notifications`);
      expect(mail.text, kind).toContain("cannot be switched off");
    }
  });

  it("a digest lists every held change in order", () => {
    const mail = renderDigestEmail({ id: "ep_1", url: "https://shop.example/hooks" }, [
      { subject: "Recovered: https://shop.example/hooks is answering again", at: new Date("2026-12-07T14:20:00Z") },
      { subject: "Paused: https://shop.example/hooks is not answering", at: new Date("2026-12-07T14:10:00Z") },
    ], { appUrl });
    expect(mail.subject).toBe("2 more changes to https://shop.example/hooks since 7 Dec 2026, 14:10 UTC");
    expect(mail.text.indexOf("Paused:")).toBeLessThan(mail.text.indexOf("Recovered:"));
    expect(mail.html).toContain(`${appUrl}/webhooks/ep_1`);
  });
});
