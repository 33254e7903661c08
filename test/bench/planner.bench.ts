/**
 * npm run bench, part 2: the planner (MODEL.md section 8). Prints:
 * (f) its time on 5 levels x 8 quarters x 3 teams (120 slots, up to 5 hires each) with 30
 *     engineers over 24 months, on 8 random instances (target < 2 s each);
 * (g) its quality where it cannot enumerate: the same answers against the best known, the best of
 *     a search ten times as long;
 * (h) the search alone (told not to enumerate) on the 200 small instances of the planner's test,
 *     against their enumerated optimum.
 */
import { planHires, relaxations } from "~/domain";
import { largePlannerInstance, plannerInstance } from "../factories/planner";

const format = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

console.log("Planner: 30 engineers, 3 teams, 24 months; 120 slots (5 levels x 8 quarters x 3 teams), 0-5 hires each");
const times: number[] = [];
const gaps: number[] = [];
let found = 0;
let relaxTimes = 0;
for (let i = 0; i < 8; i++) {
  const { scenario, options } = largePlannerInstance(1, i);
  const start = performance.now();
  const result = planHires(scenario, options);
  const ms = performance.now() - start;
  times.push(ms);
  const longer = planHires(scenario, { ...options, maxEvaluations: 10 * result.evaluations });
  let gap = "";
  if (result.found) {
    found++;
    const g =
      result.best.totalCost / Math.min(result.best.totalCost, longer.found ? longer.best.totalCost : Infinity) - 1;
    gaps.push(g);
    gap = `, ${percent(g)} above the best known`;
    const relaxStart = performance.now();
    relaxations(scenario, options, result);
    relaxTimes = Math.max(relaxTimes, performance.now() - relaxStart);
  }
  console.log(
    `  instance ${i}: ${format(ms)}, ${result.evaluations} plans tried, ${result.found ? `${result.best.hires} hires` : `no plan (${result.conflicting.join(" + ")})`}${gap}`,
  );
}
times.sort((a, b) => a - b);
console.log(
  `(f) planner, 120 slots: median ${format(times[4]!)}, slowest ${format(times[7]!)} (8 instances; target < 2 s)`,
);
console.log(`    and what relaxing each goal saves (one more search per goal): slowest ${format(relaxTimes)}`);
gaps.sort((a, b) => a - b);
console.log(
  `(g) quality, ${found} of 8 with a plan: median ${percent(gaps[Math.floor(gaps.length / 2)] ?? 0)}, worst ${percent(gaps[gaps.length - 1] ?? 0)} above the best known (a search 10 x as long)`,
);

let feasible = 0;
let optimal = 0;
let missed = 0;
let worst = 0;
for (let i = 0; i < 200; i++) {
  const { scenario, options } = plannerInstance(17, i);
  const exact = planHires(scenario, options);
  const search = planHires(scenario, { ...options, exactLimit: 0 });
  if (!exact.found) continue;
  feasible++;
  if (!search.found) missed++;
  else {
    const gap = search.best.totalCost / exact.best.totalCost - 1;
    worst = Math.max(worst, gap);
    if (gap < 1e-9) optimal++;
  }
}
console.log(
  `(h) the search alone on the 200 small instances (${feasible} with a plan): optimal in ${optimal}, no plan found in ${missed}, worst ${percent(worst)} above the optimum`,
);
