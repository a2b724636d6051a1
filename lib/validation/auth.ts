import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254));

export const signupSchema = z.object({
  name: z.string().trim().min(1, "Enter your business name").max(120, "Business name is at most 120 characters"),
  email: emailSchema,
  password: z.string().min(10, "Password must be at least 10 characters").max(200, "Password is at most 200 characters"),
});
export type SignupInput = z.infer<typeof signupSchema>;

export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
