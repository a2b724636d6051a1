import { describe, expect, it } from "vitest";
import { fieldErrors } from "./field-errors";
import { createWebhookSchema } from "./webhook";

describe("fieldErrors", () => {
  it("keys each issue by its full path, first message wins, like the API's 422 fields", () => {
    const parsed = createWebhookSchema.safeParse({ url: "ftp://x", headers: { Host: "a", "X-Ok": "" } });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!)).toEqual({
      url: "The URL must start with https:// or http://",
      "headers.Host": "Host is set by DashX and cannot be overridden",
      "headers.X-Ok": "Enter a value",
    });
  });

  it("puts an issue about the whole input under _", () => {
    const parsed = createWebhookSchema.safeParse("nope");
    expect(Object.keys(fieldErrors(parsed.error!))).toEqual(["_"]);
  });
});
