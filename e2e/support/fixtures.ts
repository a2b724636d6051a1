// `test` for every spec: fails the test if any page of its browser context logged a Content Security
// Policy violation (the server sends a nonce-based CSP, and the app must work under it). Contexts a
// spec opens itself can be watched with watchCsp.
import { expect, test as base, type BrowserContext } from "@playwright/test";

export { expect };

/** Collects CSP violations logged by any page of the context. */
export function watchCsp(context: BrowserContext, violations: string[] = []): string[] {
  context.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(`${message.page()?.url() ?? ""}: ${message.text()}`);
  });
  return violations;
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations = watchCsp(context);
      await use(violations);
      expect(violations, "Content Security Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
