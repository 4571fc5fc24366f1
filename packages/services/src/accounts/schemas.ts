import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address."));
export const passwordSchema = z.string().min(10, "Use at least 10 characters.").max(200);

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(120),
  email: emailSchema,
  password: passwordSchema,
  /** Required unless the user is accepting an invitation. */
  organizationName: z.string().trim().min(2).max(120).optional(),
  invitationToken: z.string().min(16).optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
