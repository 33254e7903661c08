/**
 * The benchmarks' large team: named engineers across L1-L5 with skills (seeded, the same every
 * run), and a plan with a hire, a promotion and a departure every quarter.
 */
import { createRandom, DEFAULT_SKILLS, defaultLevels, SCENARIO_FORMAT, type ScenarioInput } from "../../app/domain";

/** A realistic document of `engineers` named people across L1-L5 with skills, and a plan. */
export function largeTeamDocument(engineers = 1000, horizonMonths = 60): ScenarioInput {
  const random = createRandom(2026);
  const levels = defaultLevels();
  const shares = [0.25, 0.25, 0.25, 0.17, 0.08];
  const team = Array.from({ length: engineers }, (_, i) => {
    let pick = random.next();
    let level = 0;
    while (level < shares.length - 1 && pick > shares[level]!) pick -= shares[level++]!;
    const band = levels[level]!.band;
    const skills: Record<string, number> = {};
    for (const skill of DEFAULT_SKILLS)
      if (random.next() < 0.5) skills[skill.id] = Math.min(4, Math.floor(random.next() * 3) + level);
    return {
      id: `e${i}`,
      name: `Engineer ${i}`,
      level: levels[level]!.id,
      salary: Math.round(band.min + random.next() * (band.max - band.min)),
      skills,
    };
  });
  const plan: ScenarioInput["plan"] = [];
  for (let month = 0; month < horizonMonths; month += 3) {
    plan.push({ type: "hire", level: levels[month % 5]!.id, count: 3, month });
    // Only engineers the team has (a 10-engineer team over 120 months has no e77).
    if (month * 7 < engineers) plan.push({ type: "promote", member: `e${month * 7}`, month });
    if (month * 11 + 1 < engineers) plan.push({ type: "depart", member: `e${month * 11 + 1}`, month });
  }
  return {
    format: SCENARIO_FORMAT,
    name: `Benchmark: ${engineers.toLocaleString("en-US")} engineers`,
    start: "2027-01",
    horizonMonths,
    step: "month",
    levels,
    team,
    plan,
  };
}
