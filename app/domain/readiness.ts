/**
 * Promotion readiness (MODEL.md section 2): how much of the next level's expectations an
 * engineer already meets, and whether that is enough.
 */
import { SENIOR_PILLARS, type Level, type SkillMap } from "./ladder";

/** Share of the next level's expectations that must be met to be ready. */
export const READY_SHARE = 0.8;
/** Senior pillars needed at proficiency PILLAR_PROFICIENCY or more for a senior-class level. */
export const PILLARS_NEEDED = 2;
export const PILLAR_PROFICIENCY = 3;

export interface SkillGap {
  skill: string;
  expected: number;
  actual: number;
}

export interface PromotionReadiness {
  nextLevelId: string;
  /** Skills the next level expects above 0. */
  expectedSkills: number;
  metSkills: number;
  /** metSkills / expectedSkills; 1 when the next level expects nothing. */
  share: number;
  /** Expected skills not yet met, the largest gap first. */
  missing: SkillGap[];
  /** Whether the next level is senior-class, so the senior pillars count. */
  pillarsRequired: boolean;
  /** The senior pillars held at 3 or more. */
  pillarsMet: string[];
  ready: boolean;
}

/** Readiness of an engineer with `skills` (missing skill = 0) for `nextLevel`. */
export function promotionReadiness(skills: SkillMap, nextLevel: Level): PromotionReadiness {
  const expected = Object.entries(nextLevel.expectations).filter(([, level]) => level > 0);
  const missing: SkillGap[] = expected
    .map(([skill, level]) => ({ skill, expected: level, actual: skills[skill] ?? 0 }))
    .filter((gap) => gap.actual < gap.expected)
    .sort((a, b) => b.expected - b.actual - (a.expected - a.actual) || a.skill.localeCompare(b.skill));
  const metSkills = expected.length - missing.length;
  const share = expected.length === 0 ? 1 : metSkills / expected.length;
  const pillarsRequired = nextLevel.class === "senior";
  const pillarsMet = SENIOR_PILLARS.filter((pillar) => (skills[pillar] ?? 0) >= PILLAR_PROFICIENCY);
  return {
    nextLevelId: nextLevel.id,
    expectedSkills: expected.length,
    metSkills,
    share,
    missing,
    pillarsRequired,
    pillarsMet,
    ready: share >= READY_SHARE && (!pillarsRequired || pillarsMet.length >= PILLARS_NEEDED),
  };
}

/** Readiness for the level above `levelId` in `levels` (lowest first); null on the top level. */
export function readinessForNextLevel(
  levels: readonly Level[],
  levelId: string,
  skills: SkillMap,
): PromotionReadiness | null {
  const index = levels.findIndex((level) => level.id === levelId);
  const next = index >= 0 ? levels[index + 1] : undefined;
  return next ? promotionReadiness(skills, next) : null;
}
