import { describe, expect, it } from "vitest";
import { isHttpCallbackUrl, safeRedirect } from "./callback-url";

const baseUrl = "http://127.0.0.1:3000";

describe("safeRedirect", () => {
  it.each([
    ["/webhooks", `${baseUrl}/webhooks`],
    [`${baseUrl}/events?x=1`, `${baseUrl}/events?x=1`],
  ])("keeps %s on this site", (url, expected) => {
    expect(safeRedirect({ url, baseUrl })).toBe(expected);
  });

  it.each(["javascript:alert(1)", "data:text/html,hi", "//evil.example/x", "/\\evil.example", "https://evil.example/", "http://127.0.0.1:3001/", "not a url", "%", "", "mailto:a@b.c"])(
    "answers the home page for %j, never throws",
    (url) => {
      expect(safeRedirect({ url, baseUrl })).toBe(baseUrl);
    },
  );
});

describe("isHttpCallbackUrl", () => {
  it.each(["/webhooks", "//evil.example/", "https://evil.example/", `${baseUrl}/x`])("passes %j on (the redirect callback decides where it goes)", (url) => {
    expect(isHttpCallbackUrl(url, baseUrl)).toBe(true);
  });
  it.each(["javascript:alert(1)", "data:text/html,x", "not a url", "%", "mailto:a@b.c"])("drops %j", (url) => {
    expect(isHttpCallbackUrl(url, baseUrl)).toBe(false);
  });
});
