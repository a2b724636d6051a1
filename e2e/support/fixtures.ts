// `test` for every spec: fails the test if any page of its browser context logged a Content Security
// Policy violation (the server sends a nonce-based CSP, and the app must work under it), threw an
// uncaught error, or reported a React error (hydration mismatches included). Contexts a spec opens
// itself can be watched with watchCsp.
import { expect, test as base, type BrowserContext } from "@playwright/test";
import { startReceiver, type Receiver } from "./receiver";

export { expect };

const REACT_ERROR = /Minified React error|hydrat/i;

/** Collects CSP violations, uncaught page errors and React errors from every page of the context. */
export function watchCsp(context: BrowserContext, problems: string[] = []): string[] {
  context.on("console", (message) => {
    const text = message.text();
    if (text.includes("Content Security Policy") || (message.type() === "error" && REACT_ERROR.test(text))) {
      problems.push(`${message.page()?.url() ?? ""}: ${text}`);
    }
  });
  context.on("weberror", (error) => problems.push(`${error.page()?.url() ?? ""}: uncaught ${error.error().message}`));
  return problems;
}

export const test = base.extend<{ pageProblems: string[]; receiver: (status?: number) => Promise<Receiver> }>({
  /** Starts a real webhook receiver on 127.0.0.1 answering `status`; every one is closed after the test. */
  receiver: async ({}, use) => {
    const receivers: Receiver[] = [];
    await use(async (status = 200) => {
      const r = await startReceiver(status);
      receivers.push(r);
      return r;
    });
    await Promise.all(receivers.map((r) => r.close()));
  },
  pageProblems: [
    async ({ context }, use) => {
      const problems = watchCsp(context);
      await use(problems);
      expect(problems, "CSP violations, uncaught errors or React errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
});
