// Account steps shared by the two-factor and session specs: sign in and out through the UI, and an
// authenticator app (the otpauth library, fed the setup key the dialog shows, as a merchant's app would be).
import * as OTPAuth from "otpauth";
import { expect, type Page } from "@playwright/test";

export async function logOut(page: Page): Promise<void> {
  await page.getByRole("navigation").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Email and password on the login page; stops where the page asks for more (or has signed in). */
export async function enterPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await enterPassword(page, email, password);
  await expect(page).toHaveURL(/\/webhooks$/);
}

/** The session cookie of the page's context, if any. */
export async function sessionCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name.includes("session-token"));
}

export class AuthenticatorApp {
  private readonly totp: OTPAuth.TOTP;
  private readonly used = new Set<string>();

  constructor(setupKey: string) {
    this.totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setupKey), algorithm: "SHA1", digits: 6, period: 30 });
  }

  /** The current code, waiting for the next 30 s step if this one was used already (each is accepted once). */
  async code(): Promise<string> {
    for (;;) {
      const code = this.totp.generate();
      if (!this.used.has(code)) {
        this.used.add(code);
        return code;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  /** A well-formed code that is not valid now. */
  wrongCode(): string {
    const valid = new Set([-1, 0, 1].map((step) => this.totp.generate({ timestamp: Date.now() + step * 30_000 })));
    let code = 100_000;
    while (valid.has(String(code))) code++;
    return String(code);
  }
}
