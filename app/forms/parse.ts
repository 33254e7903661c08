/**
 * Form parsing at the edge: one zod schema per form; a failure keeps what the user typed and
 * gives one plain message per field.
 */
import { z } from "zod";

export type FieldErrors = Record<string, string>;

/** What a refused form answers: one message per field (`form` for the whole form) and the input to show again. */
export interface FormFailure {
  errors: FieldErrors;
  values: Record<string, string> | null;
}

/** A refused form's answer, typed as one shape whichever way the form was refused. */
export function formFailure(errors: FieldErrors, values: Record<string, string> | null = null): FormFailure {
  return { errors, values };
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The user's input as strings, for re-filling a form after an error. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") values[key] = value;
  return values;
}

/** A text field's value; `fallback` when the form has no such field or sent a file in its place. */
export function formText(formData: FormData, name: string, fallback = ""): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : fallback;
}

export function parseForm<T>(schema: z.ZodType<T>, formData: FormData): FormResult<T> {
  const values = formValues(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "form";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/**
 * A number typed by a person: "120000", "120,000", "$120,000" and "120k" all read 120000. Text
 * that is not a number stays text, so the schema reports it.
 */
export function readNumber(input: unknown): unknown {
  if (typeof input !== "string") return input;
  const trimmed = input.trim().replace(/^\$\s*/, "");
  // Commas only as thousands separators: "125000,50" (a European decimal) is not read as 12500050.
  if (trimmed.includes(",") && !/^-?\d{1,3}(,\d{3})+(\.\d+)?k?$/i.test(trimmed)) return input;
  const text = trimmed.replace(/[,\s_]/g, "");
  if (text === "") return undefined;
  const thousands = /^(-?\d+(?:\.\d+)?)k$/i.exec(text);
  const value = thousands ? Number(thousands[1]) * 1000 : Number(text);
  return Number.isFinite(value) ? value : input;
}

/** A whole number of dollars a year, from what a person typed. */
export function dollars(label: string) {
  return z.preprocess(
    readNumber,
    z
      .number({
        error: (issue) =>
          issue.input === undefined
            ? `Enter the ${label.toLowerCase()}`
            : `${label} must be a number of dollars, like 120000`,
      })
      .positive(`${label} must be more than 0`)
      .min(
        1000,
        `${label} looks too small for a year's pay: write dollars a year, like 120000 (a dot is a decimal point, not a thousands separator)`,
      )
      .max(100_000_000, `${label} looks too large`)
      .transform((value) => Math.round(value)),
  );
}

/** A number in [min, max] from what a person typed. */
export function numberIn(label: string, min: number, max: number) {
  return z.preprocess(
    readNumber,
    z
      .number({
        error: (issue) => (issue.input === undefined ? `Enter ${label.toLowerCase()}` : `${label} must be a number`),
      })
      .min(min, `${label} must be at least ${min}`)
      .max(max, `${label} must be at most ${max}`),
  );
}

/** A calendar date written YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2026-03-01")
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, "That date does not exist");

/** Proficiency 0-4 per skill of the catalog, from fields named `skill.<id>`. */
export function skillLevels(skillIds: readonly string[], prefix: string) {
  const shape: Record<string, z.ZodType<number>> = {};
  for (const id of skillIds) {
    shape[`${prefix}.${id}`] = z.preprocess(
      (v) => (v === undefined || v === "" ? 0 : readNumber(v)),
      z
        .number({ error: "Choose a proficiency from 0 to 4" })
        .int("Choose a proficiency from 0 to 4")
        .min(0, "Choose a proficiency from 0 to 4")
        .max(4, "Choose a proficiency from 0 to 4"),
    );
  }
  return z.object(shape).transform((fields) => {
    const map: Record<string, number> = {};
    for (const id of skillIds) map[id] = fields[`${prefix}.${id}`]!;
    return map;
  });
}

/**
 * The version a form was loaded at (a hidden field), for refusing saves over someone else's; 0
 * when the form has none, which matches no saved version.
 */
export function readVersion(formData: FormData): number {
  const version = Number(formData.get("version"));
  return Number.isSafeInteger(version) && version > 0 ? version : 0;
}
