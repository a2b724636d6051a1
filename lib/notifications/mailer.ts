// The email transport: SMTP through nodemailer when SMTP_URL is set (smtp:// with STARTTLS when the
// server offers it, smtps:// TLS from the first byte), with short timeouts so a dead mail server costs a
// retry, never a stuck loop. Without SMTP_URL every message is printed as one line and stays in the
// dashboard inbox (the Notification row): nothing is lost and nothing pretends to be mailed.
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export type OutgoingEmail = { to: string; subject: string; text: string; html: string; headers: Record<string, string> };

export type Mailer = {
  /** "smtp": really sent; "console": printed (SMTP_URL unset). */
  mode: "smtp" | "console";
  send(message: OutgoingEmail): Promise<void>;
  close(): void;
};

/** Emails in flight at once per process (and pooled SMTP connections). */
export const SEND_CONCURRENCY = 4;

export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function smtpOptions(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    ...SMTP_TIMEOUTS,
  };
}

export function createMailer(smtpUrl = env().SMTP_URL, from = env().MAIL_FROM): Mailer {
  if (!smtpUrl) {
    return {
      mode: "console",
      async send(message) {
        console.log(`mail (SMTP_URL unset): to=${message.to} subject=${JSON.stringify(message.subject)}`);
      },
      close() {},
    };
  }
  // Pooled: a burst of notices reuses a few connections instead of a handshake per message.
  const transport = nodemailer.createTransport({ ...smtpOptions(smtpUrl), pool: true, maxConnections: SEND_CONCURRENCY });
  return {
    mode: "smtp",
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html, headers: message.headers });
    },
    close() {
      transport.close();
    },
  };
}
