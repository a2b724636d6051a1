import { describe, expect, it } from "vitest";
import { dialectOf } from "./dialect";

describe("dialectOf (DATABASE_URL's scheme picks the store)", () => {
  it("file: is SQLite; postgres:// and postgresql:// are PostgreSQL", () => {
    expect(dialectOf("file:./.data/dashx.db")).toBe("sqlite");
    expect(dialectOf("postgres://u:p@db:5432/dashx")).toBe("postgres");
    expect(dialectOf("postgresql://db/dashx?sslmode=require")).toBe("postgres");
  });

  it("anything else is refused with the scheme named and no credentials echoed", () => {
    expect(() => dialectOf("mysql://root:hunter2@db/dashx")).toThrow(/got "mysql:"/);
    expect(() => dialectOf("mysql://root:hunter2@db/dashx")).not.toThrow(/hunter2/);
    expect(() => dialectOf("./dashx.db")).toThrow(/file: URL/);
  });
});
