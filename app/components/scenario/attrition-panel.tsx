import { useId, useMemo, useState } from "react";
import { mentoringEffect, type Level, type ScenarioIssue } from "~/domain";
import { issueAt, shownNumber, typedNumber, type Draft } from "./draft";

/** 0.108 -> "10.8%", 0.18 -> "18%" */
const percent = (share: number) => `${Number((share * 100).toFixed(1))}%`;

/** The figure most levels share (at least two of them, or the only level), if any. */
function sharedFigure(levels: readonly Level[]): number | undefined {
  const counts = new Map<number, number>();
  for (const level of levels)
    if (typeof level.annualAttrition === "number")
      counts.set(level.annualAttrition, (counts.get(level.annualAttrition) ?? 0) + 1);
  let best: [number, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best && (best[1] >= 2 || levels.length === 1) ? best[0] : undefined;
}

/** Where a level's leaving and promotion add up to more than everyone, or its figure is refused: the level by name. */
function levelProblems(levels: readonly Level[], issues: readonly ScenarioIssue[]): string[] {
  return levels.flatMap((level, index) => {
    const { annualAttrition: leaving, annualPromotion: promoted } = level;
    if (typeof leaving === "number" && typeof promoted === "number" && leaving + promoted > 1 + 1e-12)
      return [
        `${level.title}: ${percent(leaving)} leaving and ${percent(promoted)} promoted a year come to more than everyone; lower one of them.`,
      ];
    const own = issueAt(issues, `levels[${index}].annualAttrition`);
    return own ? [`${level.title}: people leaving per year ${own}.`] : [];
  });
}

/**
 * "People leaving per year" for the whole team at once, the levels with their own figure, and
 * what the mentoring program does to juniors' figure (MODEL.md section 4 step 7) at the coverage
 * of the page's live projection.
 */
export function AttritionPanel({
  draft,
  issues,
  coverageByStep,
  onChange,
}: {
  draft: Draft;
  issues: ScenarioIssue[];
  /** The live projection's mentoring coverage, step by step. */
  coverageByStep: readonly number[];
  onChange: (d: Draft) => void;
}) {
  const id = useId();
  const shared = sharedFigure(draft.levels);
  // What is typed stays as typed ("1" on the way to "15") until the field is left.
  const [typing, setTyping] = useState<string | null>(null);
  const own = draft.levels.filter((level) => level.annualAttrition !== shared);
  const notANumber = typing !== null && typeof typedNumber(typing, 100) !== "number";
  const problems = notANumber
    ? ["People leaving per year must be a percentage, like 15."]
    : levelProblems(draft.levels, issues);
  const effect = useMemo(
    () =>
      mentoringEffect(
        draft.levels.filter((l) => typeof l.annualAttrition === "number"),
        {
          program: draft.assumptions.mentorship.program,
          retentionEffect: Number(draft.assumptions.mentorship.retentionEffect) || 0,
        },
        coverageByStep,
      ),
    [draft.levels, draft.assumptions.mentorship, coverageByStep],
  );
  const setEveryLevel = (text: string) => {
    setTyping(text);
    const value = typedNumber(text, 100);
    onChange({ ...draft, levels: draft.levels.map((level) => ({ ...level, annualAttrition: value as number })) });
  };
  return (
    <div className="attrition-panel">
      <div className={`field${problems.length > 0 ? " invalid" : ""}`} style={{ maxWidth: 340 }}>
        <label htmlFor={`${id}-leaving`}>
          People leaving per year <span className="muted">(%, every level at once)</span>
        </label>
        <input
          id={`${id}-leaving`}
          type="text"
          inputMode="decimal"
          size={6}
          placeholder="each level its own"
          aria-describedby={`${id}-own`}
          aria-invalid={problems.length > 0}
          value={typing ?? (shared === undefined ? "" : shownNumber(shared, 100))}
          onChange={(e) => setEveryLevel(e.target.value)}
          onBlur={() => setTyping(null)}
        />
        {problems.map((problem) => (
          <p key={problem} className="field-error" role="alert">
            {problem}
          </p>
        ))}
      </div>
      <p className="card-note" id={`${id}-own`}>
        {own.length === 0
          ? "Every level has this figure. "
          : `${shared === undefined ? "Each level has its own figure" : "Levels with their own figure"}: ${own
              .map(
                (level) =>
                  `${level.title} ${typeof level.annualAttrition === "number" ? percent(level.annualAttrition) : shownNumber(level.annualAttrition)}${shared === undefined ? "" : " (own figure)"}`,
              )
              .join(", ")}. `}
        Give one level its own figure under &quot;Attrition (%/yr)&quot; in the table below.
      </p>
      <MentoringNote effect={effect} />
    </div>
  );
}

function MentoringNote({ effect }: { effect: ReturnType<typeof mentoringEffect> }) {
  const { levels } = effect;
  if (levels.length === 0) return null;
  if (!effect.program)
    return (
      <p className="card-note" data-testid="mentoring-effect">
        The mentoring program is off (under Assumptions), so juniors leave at their level&apos;s figure. With it on,
        full mentoring would keep {percent(effect.retentionEffect)} of the juniors who would otherwise leave.
      </p>
    );
  const covered = `this plan's mentoring averages ${percent(effect.averageCoverage)} covered`;
  const [first] = levels;
  const alike = levels.every((l) => l.withNone === first!.withNone);
  return (
    <p className="card-note" data-testid="mentoring-effect">
      {alike
        ? `With the mentoring program, juniors leave at ${percent(first!.atFull)} a year at full mentoring, ${percent(first!.withNone)} with none; ${covered}, so about ${percent(first!.atAverage)}.`
        : `With the mentoring program, juniors leave less; ${covered}. ${levels
            .map(
              (l) =>
                `${l.title}: ${percent(l.atFull)} a year at full mentoring, ${percent(l.withNone)} with none, about ${percent(l.atAverage)} in this plan`,
            )
            .join("; ")}.`}
    </p>
  );
}
