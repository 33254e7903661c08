/**
 * The mentoring program's effect on junior attrition (MODEL.md section 3, `mentorship`, and
 * section 4 step 7), for the simulation and for the words beside the attrition inputs.
 */
import type { Level } from "./ladder";

/**
 * The annual attrition of a junior-class level at mentoring coverage `coverage` (0..1) under a
 * program that keeps `retentionEffect` (0..1) of its leavers at full coverage:
 * annualAttrition x (1 - retentionEffect x coverage). With no program, pass retentionEffect 0.
 */
export function mentoredAttrition(annualAttrition: number, retentionEffect: number, coverage: number): number {
  return annualAttrition * (1 - retentionEffect * coverage);
}

/** One junior-class level's annual attrition with no mentoring, full mentoring and the plan's average. */
export interface MentoredLevel {
  id: string;
  title: string;
  /** The level's own figure: what leaves with no mentoring at all (or with no program). */
  withNone: number;
  atFull: number;
  atAverage: number;
}

export interface MentoringEffect {
  program: boolean;
  retentionEffect: number;
  /** The mean of the steps' coverage (0..1); 1 when there are no steps. */
  averageCoverage: number;
  levels: MentoredLevel[];
}

/**
 * What the mentoring program does to each junior-class level's attrition, at the mean coverage of
 * `coverageByStep` (a projection's rows). Without a program every figure is the level's own.
 */
export function mentoringEffect(
  levels: readonly Pick<Level, "id" | "title" | "class" | "annualAttrition">[],
  mentorship: { program: boolean; retentionEffect: number },
  coverageByStep: readonly number[],
): MentoringEffect {
  const averageCoverage =
    coverageByStep.length === 0 ? 1 : coverageByStep.reduce((sum, c) => sum + c, 0) / coverageByStep.length;
  const effect = mentorship.program ? mentorship.retentionEffect : 0;
  return {
    program: mentorship.program,
    retentionEffect: mentorship.retentionEffect,
    averageCoverage,
    levels: levels
      .filter((level) => level.class === "junior")
      .map((level) => ({
        id: level.id,
        title: level.title,
        withNone: level.annualAttrition,
        atFull: mentoredAttrition(level.annualAttrition, effect, 1),
        atAverage: mentoredAttrition(level.annualAttrition, effect, averageCoverage),
      })),
  };
}
