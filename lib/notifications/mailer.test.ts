import { afterEach, describe, expect, it, vi } from "vitest";
import { setTestSecrets } from "@/lib/db/test-secrets";
import { smtpOptions } from "./mailer";

afterEach(() => {
  vi.unstubAllEnvs();
});

async function loadEnv() {
  vi.resetModules();
  setTestSecrets();
  return (await import("@/lib/env")).env();
}

describe("SMTP settings", () => {
  it("smtp:// and smtps:// URLs become nodemailer options with short timeouts", () => {
    expect(smtpOptions("smtp://user%40x:p%3Ass@mail.example.com:2525")).toMatchObject({
      host: "mail.example.com",
      port: 2525,
      secure: false,
      auth: { user: "user@x", pass: "p:ss" },
      connectionTimeout: 10_000,
      socketTimeout: 20_000,
    });
    expect(smtpOptions("smtps://mail.example.com")).toMatchObject({ port: 465, secure: true, auth: undefined });
    expect(smtpOptions("smtp://mail.example.com")).toMatchObject({ port: 587, secure: false });
  });

  it("an invalid SMTP_URL stops the start with an error naming the variable, never its value", async () => {
    vi.stubEnv("SMTP_URL", "http://user:hunter2@mail.example.com");
    await expect(loadEnv()).rejects.toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    await expect(loadEnv()).rejects.not.toThrow(/hunter2/);
  });

  it("defaults: no SMTP (mail printed and kept in the inbox), MAIL_FROM and APP_URL", async () => {
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("MAIL_FROM", "");
    vi.stubEnv("APP_URL", "");
    const env = await loadEnv();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe("DashX Webhooks <notifications@localhost>");
    expect(env.APP_URL).toBe("http://localhost:3000");
  });
});
