import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254));

export const signupSchema = z.object({
  name: z.string().trim().min(1, "Enter your business name").max(120, "Business name is at most 120 characters"),
  email: emailSchema,
  password: z.string().min(10, "Password must be at least 10 characters").max(200, "Password is at most 200 characters"),
});
export type SignupInput = z.infer<typeof signupSchema>;

export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

// Optional `code`: the second factor (6-digit TOTP or a recovery code), required when two-factor is on.
export const credentialsSchema = loginSchema.extend({ code: z.string().max(64).optional() });

const newPassword = signupSchema.shape.password;

export const changePasswordSchema = z.object({ currentPassword: z.string().min(1, "Enter your current password").max(200), newPassword });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

const currentPassword = z.string().min(1, "Enter your password").max(200);
// Turning two-factor on changes how the account signs in: the password proves it is the merchant, not a borrowed session.
export const twoFactorSetupSchema = z.object({ password: currentPassword });
export const twoFactorCodeSchema = z.object({ password: currentPassword, code: z.string().trim().min(1, "Enter the code from your authenticator app").max(64) });
export type EnableTwoFactorInput = z.infer<typeof twoFactorCodeSchema>;
export const disableTwoFactorSchema = z.object({
  password: currentPassword,
  code: z.string().trim().min(1, "Enter an authentication code or a recovery code").max(64),
});
