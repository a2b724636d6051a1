import { describe, expect, it } from "vitest";
import { emailSchema, loginSchema, signupSchema } from "./auth";

const valid = { name: "Demo Coffee Roasters", email: "owner@example.com", password: "correct horse battery" };

describe("emailSchema", () => {
  it("trims and lower-cases so logins are case-insensitive", () => {
    expect(emailSchema.parse("  Owner@Example.COM ")).toBe("owner@example.com");
  });

  it.each(["", "owner", "owner@", "@example.com", "owner example.com"])("refuses %j", (email) => {
    expect(emailSchema.safeParse(email).success).toBe(false);
  });

  it("refuses addresses over 254 characters", () => {
    const long = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com";
    expect(long.length).toBeGreaterThan(254);
    expect(emailSchema.safeParse(long).success).toBe(false);
  });
});

describe("signupSchema", () => {
  it("accepts a valid signup and normalises the fields", () => {
    expect(signupSchema.parse({ ...valid, name: "  Demo  ", email: "OWNER@example.com" })).toEqual({
      name: "Demo",
      email: "owner@example.com",
      password: valid.password,
    });
  });

  it("requires 10 to 200 password characters", () => {
    const short = signupSchema.safeParse({ ...valid, password: "123456789" });
    expect(short.error?.issues[0]).toMatchObject({ path: ["password"], message: "Password must be at least 10 characters" });
    expect(signupSchema.safeParse({ ...valid, password: "1234567890" }).success).toBe(true);
    expect(signupSchema.safeParse({ ...valid, password: "p".repeat(200) }).success).toBe(true);
    expect(signupSchema.safeParse({ ...valid, password: "p".repeat(201) }).success).toBe(false);
  });

  it("never trims the password", () => {
    expect(signupSchema.parse({ ...valid, password: "  spaced password  " }).password).toBe("  spaced password  ");
  });

  it("requires a business name of at most 120 characters", () => {
    expect(signupSchema.safeParse({ ...valid, name: "   " }).error?.issues[0]).toMatchObject({
      path: ["name"],
      message: "Enter your business name",
    });
    expect(signupSchema.safeParse({ ...valid, name: "n".repeat(121) }).success).toBe(false);
  });

  it("reports a bad email on the email field", () => {
    expect(signupSchema.safeParse({ ...valid, email: "nope" }).error?.issues[0]).toMatchObject({
      path: ["email"],
      message: "Enter a valid email address",
    });
  });
});

describe("loginSchema", () => {
  it("accepts any non-empty password (length rules are for signup)", () => {
    expect(loginSchema.parse({ email: "A@B.co", password: "x" })).toEqual({ email: "a@b.co", password: "x" });
    expect(loginSchema.safeParse({ email: "a@b.co", password: "" }).success).toBe(false);
    expect(loginSchema.safeParse({ email: "a@b.co" }).success).toBe(false);
  });
});
