import { z } from "zod";

const email = z
  .string({ error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address")
  .max(200, "Keep the email under 200 characters")
  .pipe(z.email({ error: "Enter an email address like ada@example.com" }));
const name = z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(120, "Keep the name under 120 characters");
export const MIN_PASSWORD = 10;
const password = z.string({ error: "Enter a password" }).min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters`).max(200, "Keep the password under 200 characters");
const role = z.enum(["admin", "planner", "viewer"], { error: "Choose admin, planner or viewer" });

export const signInSchema = z.object({ email: z.string().trim().max(200).default(""), password: z.string().max(200).default("") });

/** A new account; the first admin's form and the admin's "add a user" form. */
export const newUserSchema = z.object({ name, email, role, password });
export const setupSchema = z.object({ name, email, password });
export const resetPasswordSchema = z.object({ password });
export const roleSchema = z.object({ role });
