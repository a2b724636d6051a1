// The public shapes of the account routes (two-factor, password, sessions, the login pre-check), written
// once: the lib functions parse what they return through them and the settings forms read their types.
import { z } from "zod";

export const twoFactorSetupSchema = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export type TwoFactorSetup = z.infer<typeof twoFactorSetupSchema>;

/** Shown once, when two-factor is turned on. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

export const twoFactorStatusSchema = z.object({ enabled: z.boolean(), recoveryCodesLeft: z.number().int() });

/** Change password and Sign out of all sessions: how many sessions were ended. */
export const endedSessionsSchema = z.object({ endedSessions: z.number().int() });
export type EndedSessions = z.infer<typeof endedSessionsSchema>;

export const loginPrecheckSchema = z.object({ twoFactor: z.boolean() });
export type LoginPrecheck = z.infer<typeof loginPrecheckSchema>;
