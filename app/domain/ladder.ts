/**
 * The default career ladder and skills catalog (MODEL.md section 2), as data.
 * Salaries are annual, in dollars; hours are per week; rates are annual probabilities.
 */

export const LEVEL_CLASSES = ["junior", "mid", "senior"] as const;
export type LevelClass = (typeof LEVEL_CLASSES)[number];

/** Proficiency: 0 none, 1 learning, 2 working, 3 can own it, 4 can teach it. */
export type Proficiency = 0 | 1 | 2 | 3 | 4;
export const PROFICIENCY_LABELS = ["None", "Learning", "Working", "Can own it", "Can teach it"] as const;
/** Proficiency at which someone counts as an owner of a skill (bus factor). */
export const OWNER_PROFICIENCY = 3;

export type SkillMap = Record<string, number>;

export interface SalaryBand {
  min: number;
  mid: number;
  max: number;
}

export interface Level {
  id: string;
  title: string;
  class: LevelClass;
  years: string;
  band: SalaryBand;
  /** Units of work per month when fully ramped; a mid-level engineer = 1.0. */
  output: number;
  rampMonths: number;
  annualAttrition: number;
  annualPromotion: number;
  mentorHours: number;
  menteeHours: number;
  expectations: SkillMap;
  /** Months a search takes (MODEL.md section 7); 0 when left out. */
  timeToFillMonths?: number;
  /** Engineer hours of interviewing per hire (MODEL.md section 7); 0 when left out. */
  interviewHours?: number;
}

export interface Skill {
  id: string;
  name: string;
}

export const DEFAULT_SKILLS: readonly Skill[] = [
  { id: "backend-languages", name: "Backend languages" },
  { id: "sql-databases", name: "SQL databases" },
  { id: "nosql-databases", name: "NoSQL databases" },
  { id: "api-design", name: "API design (REST/gRPC)" },
  { id: "system-design", name: "System design" },
  { id: "distributed-systems", name: "Distributed systems" },
  { id: "cloud-platforms", name: "Cloud platforms" },
  { id: "ci-cd-devops", name: "CI/CD and DevOps" },
  { id: "containers", name: "Containers" },
  { id: "security", name: "Security" },
  { id: "caching", name: "Caching" },
  { id: "messaging", name: "Messaging" },
  { id: "performance", name: "Performance" },
  { id: "testing", name: "Testing" },
  { id: "code-review", name: "Code review" },
  { id: "mentoring", name: "Mentoring" },
  { id: "technical-leadership", name: "Technical leadership" },
];

/** "The ability to design large pieces of architecture, to mentor, and to lead technical projects." */
export const SENIOR_PILLARS = ["system-design", "mentoring", "technical-leadership"] as const;

function expect(at2: string[], at3: string[], at4: string[]): SkillMap {
  const map: SkillMap = {};
  for (const id of at2) map[id] = 2;
  for (const id of at3) map[id] = 3;
  for (const id of at4) map[id] = 4;
  return map;
}

export const DEFAULT_LEVELS: readonly Level[] = [
  {
    id: "L1",
    title: "Junior Engineer",
    class: "junior",
    years: "0-2",
    band: { min: 95_000, mid: 105_000, max: 115_000 },
    output: 0.5,
    rampMonths: 6,
    annualAttrition: 0.18,
    annualPromotion: 0.35,
    mentorHours: 0,
    menteeHours: 4,
    expectations: expect(["backend-languages", "testing", "sql-databases"], [], []),
  },
  {
    id: "L2",
    title: "Engineer II",
    class: "junior",
    years: "1-3",
    band: { min: 105_000, mid: 110_375, max: 120_000 },
    output: 0.75,
    rampMonths: 5,
    annualAttrition: 0.16,
    annualPromotion: 0.25,
    mentorHours: 0,
    menteeHours: 2,
    expectations: expect(
      ["api-design", "ci-cd-devops", "code-review"],
      ["backend-languages", "testing", "sql-databases"],
      [],
    ),
  },
  {
    id: "L3",
    title: "Mid-level Engineer",
    class: "mid",
    years: "3-5",
    band: { min: 115_000, mid: 122_000, max: 132_000 },
    output: 1.0,
    rampMonths: 4,
    annualAttrition: 0.14,
    annualPromotion: 0.15,
    mentorHours: 2,
    menteeHours: 0,
    expectations: expect(
      ["cloud-platforms", "containers", "security", "caching", "system-design", "mentoring"],
      ["backend-languages", "sql-databases", "api-design", "testing", "code-review", "ci-cd-devops"],
      [],
    ),
  },
  {
    id: "L4",
    title: "Senior Engineer",
    class: "senior",
    years: "5-8",
    band: { min: 125_000, mid: 130_845, max: 142_000 },
    output: 1.4,
    rampMonths: 3,
    annualAttrition: 0.12,
    annualPromotion: 0.08,
    mentorHours: 8,
    menteeHours: 0,
    expectations: expect(
      ["nosql-databases", "messaging", "technical-leadership"],
      [
        "system-design",
        "distributed-systems",
        "cloud-platforms",
        "security",
        "performance",
        "mentoring",
        "caching",
        "containers",
      ],
      ["backend-languages", "code-review"],
    ),
  },
  {
    id: "L5",
    title: "Staff Engineer",
    class: "senior",
    years: "8+",
    band: { min: 135_000, mid: 144_690, max: 165_000 },
    output: 1.6,
    rampMonths: 3,
    annualAttrition: 0.1,
    annualPromotion: 0,
    mentorHours: 8,
    menteeHours: 0,
    expectations: expect(
      [],
      ["distributed-systems", "messaging", "security", "performance", "cloud-platforms"],
      ["backend-languages", "system-design", "mentoring", "technical-leadership", "code-review"],
    ),
  },
];

export interface LevelProblem {
  /** The level's field at fault, or null for the level as a whole. */
  field: "band" | "annualPromotion" | null;
  message: string;
}

/** The rules a level must follow beyond each field's own range (MODEL.md section 4, validation). */
export function levelProblems(
  level: Pick<Level, "band" | "annualAttrition" | "annualPromotion">,
  isTopLevel: boolean,
): LevelProblem[] {
  const problems: LevelProblem[] = [];
  const { min, mid, max } = level.band;
  if (!(min <= mid && mid <= max))
    problems.push({ field: "band", message: `must have min <= mid <= max, got ${min} / ${mid} / ${max}` });
  if (level.annualAttrition + level.annualPromotion > 1 + 1e-12) {
    problems.push({
      field: null,
      message: `annualAttrition + annualPromotion must be at most 1 (100% a year), got ${level.annualAttrition} + ${level.annualPromotion}`,
    });
  }
  if (isTopLevel && level.annualPromotion !== 0) {
    problems.push({
      field: "annualPromotion",
      message: `must be 0 on the top level (there is no level to be promoted to), got ${level.annualPromotion}`,
    });
  }
  return problems;
}

/**
 * The recommended hiring figures of the default ladder (MODEL.md section 7): months to fill a
 * search and engineer interview hours per hire. Public figures: engineering roles take 35-58 days
 * to fill and senior ones 60-90; a hire costs 100+ engineer hours at about ten onsites per offer.
 * `DEFAULT_LEVELS` (what a document without levels gets) leaves them out, so such a document
 * projects as section 4 says; the app fills them into the ladders and scenarios it creates.
 */
export const RECOMMENDED_HIRING: Readonly<Record<string, { timeToFillMonths: number; interviewHours: number }>> = {
  L1: { timeToFillMonths: 2, interviewHours: 60 },
  L2: { timeToFillMonths: 2, interviewHours: 60 },
  L3: { timeToFillMonths: 2, interviewHours: 80 },
  L4: { timeToFillMonths: 3, interviewHours: 100 },
  L5: { timeToFillMonths: 3, interviewHours: 120 },
};

/** First-year attrition against the usual rate: start-ups lose about twice as many people in their first year. */
export const RECOMMENDED_FIRST_YEAR_ATTRITION_MULTIPLIER = 1.5;

/** The default ladder with the recommended hiring figures, as the app creates ladders. */
export function recommendedLevels(): Level[] {
  return defaultLevels().map((level) => ({ ...level, ...RECOMMENDED_HIRING[level.id] }));
}

/** A deep copy of the default ladder, safe to edit. */
export function defaultLevels(): Level[] {
  return DEFAULT_LEVELS.map((level) => ({
    ...level,
    band: { ...level.band },
    expectations: { ...level.expectations },
  }));
}

export type BandPosition = "below" | "inside" | "above";

/** Where an annual salary sits against a level's band (ends count as inside). */
export function bandPosition(salary: number, band: SalaryBand): BandPosition {
  return salary < band.min ? "below" : salary > band.max ? "above" : "inside";
}

/** A skill's name from its id, or the id itself for a skill not in `skills`. */
export function skillNamer(skills: readonly Skill[]): (id: string) => string {
  const names = new Map(skills.map((s) => [s.id, s.name]));
  return (id) => names.get(id) ?? id;
}
