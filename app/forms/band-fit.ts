/**
 * "Set bands from your team": the method in the Ladder page's URL (`/ladder?fit=range`), and the
 * save form, which sends back what the preview showed of each level so that a save made after the
 * team or the ladder changed is refused rather than writing bands nobody saw.
 */
import { BAND_FIT_METHODS, type BandFitMethod, type BandFitProposal, type SalaryBand } from "~/domain";

export const BAND_FIT_INTENT = "fit-bands";

export const BAND_FIT_FIELDS = {
  intent: "intent",
  method: "method",
  version: (levelId: string) => `version.${levelId}`,
  band: (levelId: string) => `band.${levelId}`,
} as const;

/** What the preview showed of each level it proposed a band for, by level id. */
export type ShownBands = Record<string, { version: number; band: SalaryBand }>;

export const isBandFitMethod = (value: unknown): value is BandFitMethod =>
  (BAND_FIT_METHODS as readonly unknown[]).includes(value);

/** The method a URL asks to preview (`?fit=`), or null for none (an unknown one is none). */
export function readBandFitMethod(params: URLSearchParams): BandFitMethod | null {
  const asked = params.get("fit");
  return isBandFitMethod(asked) ? asked : null;
}

const bandText = (band: SalaryBand) => `${band.min}/${band.mid}/${band.max}`;

/** The save form's fields for a preview: the method, and each proposed level's version and band. */
export function bandFitFormFields(
  proposal: BandFitProposal,
  versions: ReadonlyMap<string, number>,
): Record<string, string> {
  const fields: Record<string, string> = {
    [BAND_FIT_FIELDS.intent]: BAND_FIT_INTENT,
    [BAND_FIT_FIELDS.method]: proposal.method,
  };
  for (const level of proposal.levels) {
    if (!level.proposed) continue;
    fields[BAND_FIT_FIELDS.version(level.id)] = String(versions.get(level.id) ?? 0);
    fields[BAND_FIT_FIELDS.band(level.id)] = bandText(level.proposed);
  }
  return fields;
}

/** The save form read back, or null when it is not one (no method, or a level's fields garbled). */
export function readBandFitForm(form: FormData): { method: BandFitMethod; shown: ShownBands } | null {
  const method = form.get(BAND_FIT_FIELDS.method);
  if (!isBandFitMethod(method)) return null;
  const shown: ShownBands = {};
  for (const [name, value] of form) {
    if (!name.startsWith("band.") || typeof value !== "string") continue;
    const id = name.slice("band.".length);
    const figures = value.split("/").map(Number);
    const version = Number(form.get(BAND_FIT_FIELDS.version(id)));
    if (figures.length !== 3 || !figures.every(Number.isSafeInteger) || !Number.isSafeInteger(version)) return null;
    const [min, mid, max] = figures as [number, number, number];
    shown[id] = { version, band: { min, mid, max } };
  }
  return { method, shown };
}
