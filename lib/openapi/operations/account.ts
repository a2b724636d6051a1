// /api/v1/account/**: password, sessions and two-factor (dashboard session only).
import { endedSessionsSchema, recoveryCodesSchema, twoFactorSetupSchema as twoFactorSetupResultSchema, twoFactorStatusSchema } from "@/lib/auth/public-account";
import { publicSessionListSchema } from "@/lib/auth/public-session";
import { changePasswordSchema, disableTwoFactorSchema, twoFactorCodeSchema, twoFactorSetupSchema } from "@/lib/validation/auth";
import { defineOperation, idParam } from "../define";

const tag = "Account" as const;
const auth = "session" as const;

export const accountOperations = [
  defineOperation({
    method: "post", path: "/api/v1/account/password", operationId: "changePassword", tag, auth,
    summary: "Change the password",
    description: "Ends every other session of the merchant.",
    body: { schema: changePasswordSchema, example: { currentPassword: "correct horse battery", newPassword: "a new long passphrase" } },
    responses: { 200: { description: "How many other sessions were ended", schema: endedSessionsSchema, example: { endedSessions: 2 } } },
    errors: ["rate_limited"],
  }),
  defineOperation({
    method: "get", path: "/api/v1/account/sessions", operationId: "listSessions", tag, auth,
    summary: "List signed-in sessions",
    description: "The merchant's active dashboard sessions, most recently seen first; `current` marks the one making this request.",
    responses: {
      200: {
        description: "The active sessions",
        schema: publicSessionListSchema,
        example: {
          data: [
            { id: "cmiv3s7aa0013mx01b4n5m6q7", device: "Chrome on Linux", ip: "203.0.113.7", createdAt: "2026-12-07T14:05:00.000Z", lastSeenAt: "2026-12-07T15:20:00.000Z", current: true },
            { id: "cmiv3s9aa0014mx01c5v6b7n8", device: "Safari on iOS", ip: "198.51.100.23", createdAt: "2026-12-05T08:30:00.000Z", lastSeenAt: null, current: false },
          ],
        },
      },
    },
  }),
  defineOperation({
    method: "delete", path: "/api/v1/account/sessions/{id}", operationId: "signOutSession", tag, auth,
    params: { path: idParam("session") },
    summary: "Sign out one session",
    description: "Ends that session at once (this one too, if it is this one's id). Another merchant's session or an ended one answers 404.",
    responses: { 204: { description: "Signed out" } },
  }),
  defineOperation({
    method: "delete", path: "/api/v1/account/sessions", operationId: "signOutEverywhere", tag, auth,
    summary: "Sign out of all sessions",
    description: "This one included.",
    responses: { 200: { description: "How many sessions were ended", schema: endedSessionsSchema, example: { endedSessions: 3 } } },
  }),
  defineOperation({
    method: "get", path: "/api/v1/account/two-factor", operationId: "getTwoFactorStatus", tag, auth,
    summary: "Two-factor status",
    responses: { 200: { description: "On or off, and the recovery codes left", schema: twoFactorStatusSchema, example: { enabled: true, recoveryCodesLeft: 9 } } },
  }),
  defineOperation({
    method: "post", path: "/api/v1/account/two-factor", operationId: "enableTwoFactor", tag, auth,
    summary: "Confirm two-factor setup",
    description: "Turns two-factor on with a code from the authenticator; answers the 10 recovery codes (shown once) and ends every other session.",
    body: { schema: twoFactorCodeSchema, example: { password: "correct horse battery", code: "492039" } },
    responses: { 200: { description: "The recovery codes", schema: recoveryCodesSchema, example: { recoveryCodes: ["7f3k-9q2m", "p8v1-x4zc"] } } },
    errors: ["conflict", "rate_limited"],
  }),
  defineOperation({
    method: "post", path: "/api/v1/account/two-factor/setup", operationId: "startTwoFactorSetup", tag, auth,
    summary: "Start two-factor setup",
    description: "A new authenticator secret; two-factor stays off until confirmed.",
    body: { schema: twoFactorSetupSchema, example: { password: "correct horse battery" } },
    responses: {
      200: {
        description: "The secret, its otpauth URI and a QR code (SVG)",
        schema: twoFactorSetupResultSchema,
        example: { secret: "JBSWY3DPEHPK3PXP", uri: "otpauth://totp/DashX:owner%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=DashX", qrSvg: "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>" },
      },
    },
    errors: ["conflict", "rate_limited"],
  }),
  defineOperation({
    method: "post", path: "/api/v1/account/two-factor/disable", operationId: "disableTwoFactor", tag, auth,
    summary: "Turn two-factor off",
    body: { schema: disableTwoFactorSchema, example: { password: "correct horse battery", code: "492039" } },
    responses: { 204: { description: "Two-factor is off" } },
    errors: ["conflict", "rate_limited"],
  }),
];
