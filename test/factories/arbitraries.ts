import fc from "fast-check";
import { DEFAULT_SKILLS, SCENARIO_FORMAT, type ScenarioInput } from "~/domain";

const rate = (max: number) => fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true });
const skillIds = DEFAULT_SKILLS.map((s) => s.id);
const skills = fc.dictionary(fc.constantFrom(...skillIds), fc.integer({ min: 0, max: 4 }), { maxKeys: 6 });

function ladder(size: number) {
  return fc.tuple(
    ...Array.from({ length: size }, (_, i) =>
      fc
        .record({
          min: fc.integer({ min: 50_000, max: 150_000 }),
          spread: fc.integer({ min: 0, max: 40_000 }),
          output: fc.double({ min: 0, max: 2, noNaN: true }),
          rampMonths: fc.integer({ min: 0, max: 9 }),
          annualAttrition: rate(0.5),
          annualPromotion: i === size - 1 ? fc.constant(0) : rate(0.5),
          mentorHours: fc.integer({ min: 0, max: 10 }),
          menteeHours: fc.integer({ min: 0, max: 6 }),
          expectations: skills,
        })
        .map((p) => ({
          id: `G${i + 1}`,
          title: `Grade ${i + 1}`,
          class: i < size / 3 ? ("junior" as const) : i < (2 * size) / 3 ? ("mid" as const) : ("senior" as const),
          years: "",
          band: { min: p.min, mid: p.min + p.spread / 2, max: p.min + p.spread },
          output: p.output,
          rampMonths: p.rampMonths,
          annualAttrition: p.annualAttrition,
          annualPromotion: p.annualPromotion,
          mentorHours: p.mentorHours,
          menteeHours: p.menteeHours,
          expectations: p.expectations,
        })),
    ),
  );
}

export interface ScenarioShape {
  /** Allow plan events (hires, promotions, departures). */
  events?: boolean;
  /** Fix the mentoring program on or off; random when left out. */
  mentoringProgram?: boolean;
  /** Fix backfill at no delay; random when left out. */
  instantBackfill?: boolean;
  /** Fix backfill on or off; random when left out. */
  backfill?: boolean;
}

/**
 * Adds MODEL.md section 7's fields at random to a document: each level's time to fill and
 * interview hours, team entries' tenure, backfill delays from the time to fill, and the hiring block.
 */
export function withHiring(doc: fc.Arbitrary<ScenarioInput>): fc.Arbitrary<ScenarioInput> {
  return doc.chain((d) =>
    fc
      .record({
        levels: fc.tuple(
          ...d.levels!.map(() =>
            fc.record({
              timeToFillMonths: fc.integer({ min: 0, max: 6 }),
              interviewHours: fc.integer({ min: 0, max: 200 }),
            }),
          ),
        ),
        tenures: fc.tuple(...(d.team ?? []).map(() => fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }))),
        useTimeToFill: fc.boolean(),
        multiplier: fc.double({ min: 1, max: 3, noNaN: true }),
        recruiters: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      })
      .map(({ levels, tenures, useTimeToFill, multiplier, recruiters }) => ({
        ...d,
        levels: d.levels!.map((level, i) => ({ ...level, ...levels[i] })),
        team: (d.team ?? []).map((entry, i) =>
          tenures[i] === undefined ? entry : { ...entry, tenureMonths: tenures[i] },
        ),
        assumptions: {
          ...d.assumptions,
          backfill: { ...d.assumptions!.backfill, useTimeToFill },
          hiring: {
            firstYearAttritionMultiplier: multiplier,
            ...(recruiters === undefined ? {} : { recruiters }),
          },
        },
      })),
  );
}

/** Random valid scenario documents: ladders of 3-8 levels, cohorts and named engineers mixed. */
export function scenarioDocument(shape: ScenarioShape = {}): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      size: fc.integer({ min: 3, max: 8 }),
      step: fc.constantFrom("month" as const, "quarter" as const, "year" as const),
      horizonMonths: fc.integer({ min: 1, max: 60 }),
    })
    .chain(({ size, step, horizonMonths }) => {
      const level = fc.integer({ min: 0, max: size - 1 }).map((i) => `G${i + 1}`);
      const month = fc.integer({ min: 0, max: horizonMonths - 1 });
      const team = fc.array(
        fc.record(
          {
            level,
            count: fc.integer({ min: 0, max: 30 }),
            salary: fc.integer({ min: 60_000, max: 250_000 }),
            skills,
          },
          { requiredKeys: ["level", "count", "salary"] },
        ),
        { maxLength: 8 },
      );
      return fc.record({
        levels: ladder(size),
        team,
        step: fc.constant(step),
        horizonMonths: fc.constant(horizonMonths),
        level: fc.constant(level),
        month: fc.constant(month),
      });
    })
    .chain(({ levels, team, step, horizonMonths, level, month }) => {
      const named = team.map((entry, i) => ({ ...entry, id: `m${i}`, name: `Member ${i}` }));
      const member = named.length > 0 ? fc.constantFrom(...named.map((m) => m.id)) : null;
      const hire = fc.record(
        {
          type: fc.constant("hire" as const),
          level,
          count: fc.integer({ min: 0, max: 5 }),
          month,
          salary: fc.integer({ min: 60_000, max: 250_000 }),
          skills,
        },
        { requiredKeys: ["type", "level", "count", "month"] },
      );
      const moves = member
        ? [fc.record({ type: fc.constantFrom("promote" as const, "depart" as const), member, month })]
        : [];
      const plan: fc.Arbitrary<NonNullable<ScenarioInput["plan"]>> = shape.events
        ? fc.array(fc.oneof(hire, ...moves), { maxLength: 6 })
        : fc.constant([]);
      const backfillLevel = fc.oneof(fc.constantFrom("same", "below"), level);
      return fc.record({
        format: fc.constant(SCENARIO_FORMAT),
        name: fc.constant("Generated"),
        start: fc.constant("2027-01"),
        horizonMonths: fc.constant(horizonMonths),
        step: fc.constant(step),
        levels: fc.constant(levels),
        team: fc.constant(named),
        plan,
        assumptions: fc.record({
          overheadRate: rate(0.5),
          recruitingFeeRate: rate(0.3),
          annualRaiseRate: rate(0.1),
          promotionRaiseRate: rate(0.2),
          hoursPerWeek: fc.integer({ min: 20, max: 60 }),
          backfill: fc.record({
            enabled: shape.instantBackfill
              ? fc.constant(true)
              : fc.constant(shape.backfill).chain((b) => (b === undefined ? fc.boolean() : fc.constant(b))),
            delayMonths: shape.instantBackfill ? fc.constant(0) : fc.integer({ min: 0, max: 12 }),
            level: backfillLevel,
          }),
          mentorship: fc.record({
            program: shape.mentoringProgram === undefined ? fc.boolean() : fc.constant(shape.mentoringProgram),
            retentionEffect: rate(1),
          }),
          ratioTarget: fc.tuple(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 2, max: 4, noNaN: true })),
        }),
      });
    });
}
