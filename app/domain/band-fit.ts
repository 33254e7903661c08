/**
 * Salary bands fitted to the team (issue 14): each level's band proposed from its engineers' pay,
 * and how many people sit below, in and above a band. Hires and backfills join at the band mid
 * (MODEL.md section 4), so a ladder still on the demo's bands prices every plan at the demo's pay.
 */
import { bandPosition, type SalaryBand } from "./ladder";
import { quantile } from "./monte-carlo";

export const BAND_FIT_METHODS = ["range", "p10-p90"] as const;
export type BandFitMethod = (typeof BAND_FIT_METHODS)[number];

export const BAND_FIT_METHOD_LABELS: Record<BandFitMethod, string> = {
  range: "Lowest / median / highest",
  "p10-p90": "Middle 80% (10th percentile / median / 90th percentile)",
};

/** The same inside a sentence: "set from their salaries (lowest / median / highest)". */
export const BAND_FIT_METHOD_WORDS: Record<BandFitMethod, string> = {
  range: "lowest / median / highest",
  "p10-p90": "the middle 80%",
};

/** The quantiles (0..1) a method reads as the band's min, mid and max. */
const QUANTILES: Record<BandFitMethod, [number, number, number]> = {
  range: [0, 0.5, 1],
  "p10-p90": [0.1, 0.5, 0.9],
};

/**
 * The fewest engineers a level's band is fitted to. Bands are published (viewers see the ladder,
 * and their money is priced at band midpoints), and a band fitted to one or two people is their pay.
 */
export const MIN_PEOPLE_FOR_TEAM_BAND = 3;

/** Rounding: to FINE_STEP while a level's pay spreads (highest - lowest) under WIDE_SPREAD, else to COARSE_STEP. */
export const FINE_STEP = 1_000;
export const COARSE_STEP = 5_000;
export const WIDE_SPREAD = 100_000;

export type BandSource = "default" | "team" | "manual";

/** The rounding step for a level whose pay runs from `lowest` to `highest` (dollars a year). */
export function roundingStep(lowest: number, highest: number): number {
  return highest - lowest < WIDE_SPREAD ? FINE_STEP : COARSE_STEP;
}

// An interpolated quantile can land a hair off a whole step (433000.00000000006): a nanostep's slack.
const floorTo = (x: number, step: number) => Math.floor(x / step + 1e-9) * step;
const ceilTo = (x: number, step: number) => Math.ceil(x / step - 1e-9) * step;
const roundTo = (x: number, step: number) => Math.round(x / step + 1e-9) * step;

export interface FittedBand {
  band: SalaryBand;
  /** The quantiles before rounding. */
  raw: SalaryBand;
  step: number;
}

/**
 * The band `method` reads from `salaries` (dollars a year, any order, at least one): quantiles by
 * linear interpolation between order statistics (as Monte Carlo's percentiles), the minimum
 * rounded down, the maximum up and the midpoint to the nearest step, so min <= mid <= max and the
 * people a quantile holds stay inside.
 */
export function fitBand(salaries: readonly number[], method: BandFitMethod): FittedBand {
  if (salaries.length === 0) throw new Error("fitBand needs at least one salary");
  const sorted = [...salaries].sort((a, b) => a - b);
  const [low, mid, high] = QUANTILES[method];
  const raw = { min: quantile(sorted, low), mid: quantile(sorted, mid), max: quantile(sorted, high) };
  const step = roundingStep(sorted[0]!, sorted[sorted.length - 1]!);
  return { band: { min: floorTo(raw.min, step), mid: roundTo(raw.mid, step), max: ceilTo(raw.max, step) }, raw, step };
}

export interface BandCounts {
  below: number;
  inside: number;
  above: number;
}

export const NO_COUNTS: BandCounts = { below: 0, inside: 0, above: 0 };

/** How many of `salaries` sit below, inside (ends included) and above `band`. */
export function countByBandPosition(salaries: readonly number[], band: SalaryBand): BandCounts {
  const counts = { ...NO_COUNTS };
  for (const salary of salaries) counts[bandPosition(salary, band)] += 1;
  return counts;
}

export const outOfBand = (counts: BandCounts) => counts.below + counts.above;

export interface BandFitLevel {
  id: string;
  title: string;
  people: number;
  current: SalaryBand;
  /** Null when the level keeps its band (see `kept`). */
  proposed: SalaryBand | null;
  /** The rounding step of the proposal. */
  step: number | null;
  kept: null | "no engineers" | "too few";
  now: BandCounts;
  after: BandCounts;
}

export type BandFigure = "min" | "mid" | "max";

/** Two neighbouring levels whose bands do not rise: the higher's `figures` are not above the lower's. */
export interface NotRising {
  lowerId: string;
  higherId: string;
  figures: BandFigure[];
}

export interface BandFitProposal {
  method: BandFitMethod;
  levels: BandFitLevel[];
  /** Pairs of neighbouring levels, in the ladder the proposal makes, whose bands do not rise. */
  notRising: NotRising[];
}

/** The figures of `higher` that do not rise above `lower`: min and max may be equal, the mid must be higher. */
function notRisingFigures(lower: SalaryBand, higher: SalaryBand): BandFigure[] {
  const figures: BandFigure[] = [];
  if (higher.min < lower.min) figures.push("min");
  if (higher.mid <= lower.mid) figures.push("mid");
  if (higher.max < lower.max) figures.push("max");
  return figures;
}

/**
 * Bands for the ladder (`levels`, lowest first) from each level's engineers' salaries. A level
 * with fewer than `minPeople` engineers keeps its band. Where rounding alone would stop a band
 * rising above the one below (the quantiles rise, the rounded figures do not), the midpoint is
 * rounded up instead and the minimum lifted to the lower band's (a maximum rounded up cannot fall
 * below it); where the quantiles themselves do not rise, the proposal keeps them and `notRising`
 * says so. Every band keeps min <= mid <= max.
 */
export function proposeBands({
  levels,
  salaries,
  method,
  minPeople = MIN_PEOPLE_FOR_TEAM_BAND,
}: {
  levels: readonly { id: string; title: string; band: SalaryBand }[];
  /** Each level's engineers' salaries, dollars a year, by level id. */
  salaries: ReadonlyMap<string, readonly number[]>;
  method: BandFitMethod;
  minPeople?: number;
}): BandFitProposal {
  let below: SalaryBand | null = null;
  const fitted = levels.map((level): BandFitLevel => {
    const pay = salaries.get(level.id) ?? [];
    const now = countByBandPosition(pay, level.band);
    const kept = pay.length === 0 ? "no engineers" : pay.length < Math.max(1, minPeople) ? "too few" : null;
    if (kept) {
      below = level.band;
      const { id, title, band: current } = level;
      return { id, title, people: pay.length, current, proposed: null, step: null, kept, now, after: now };
    }
    const { band, raw, step } = fitBand(pay, method);
    if (below) {
      if (raw.min >= below.min && band.min < below.min) band.min = below.min;
      if (raw.mid > below.mid && band.mid <= below.mid) band.mid = ceilTo(raw.mid, step);
      band.mid = Math.min(Math.max(band.mid, band.min), band.max);
    }
    below = band;
    return {
      id: level.id,
      title: level.title,
      people: pay.length,
      current: level.band,
      proposed: band,
      step,
      kept: null,
      now,
      after: countByBandPosition(pay, band),
    };
  });
  const notRising: NotRising[] = [];
  for (let i = 1; i < fitted.length; i++) {
    const lower = fitted[i - 1]!;
    const higher = fitted[i]!;
    const figures = notRisingFigures(lower.proposed ?? lower.current, higher.proposed ?? higher.current);
    if (figures.length > 0) notRising.push({ lowerId: lower.id, higherId: higher.id, figures });
  }
  return { method, levels: fitted, notRising };
}
