import { describe, expect, it } from "vitest";
import { acceptsEventType } from "./event-filter";

describe("acceptsEventType", () => {
  it("an empty filter accepts every type", () => {
    expect(acceptsEventType([], "checkout.session.completed")).toBe(true);
  });
  it("a filter accepts the types it lists and no others", () => {
    const filter = ["checkout.session.expired"];
    expect(acceptsEventType(filter, "checkout.session.expired")).toBe(true);
    expect(acceptsEventType(filter, "checkout.session.completed")).toBe(false);
  });
});
