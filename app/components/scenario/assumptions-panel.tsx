import type { ReactNode } from "react";
import { Field } from "~/components/ui/field";
import {
  DEFAULT_HIRES_PER_RECRUITER_PER_QUARTER,
  DEFAULT_MAX_GROWTH_PER_QUARTER,
  MAX_RECRUITERS,
  type ScenarioIssue,
} from "~/domain";
import { issueAt, setIn, shownNumber, typedNumber, type Draft } from "./draft";

/** A number field of the document at `path`, with the engine's message for that path beside it. */
export function NumberInput({
  label,
  path,
  draft,
  issues,
  onChange,
  scale = 1,
  shown,
  unit,
  hint,
  optional = false,
  placeholder,
  prepare = (d) => d,
}: {
  label: string;
  path: (string | number)[];
  draft: Draft;
  issues: ScenarioIssue[];
  onChange: (d: Draft) => void;
  scale?: number;
  /** How a stored number reads, when not as typed (a default of a third reads 33.3, not 33.333333). */
  shown?: (value: number) => string | undefined;
  unit?: string;
  hint?: string;
  /** Empty leaves the field out of the document (its default applies, shown as the placeholder), not a mistake. */
  optional?: boolean;
  placeholder?: string;
  /** Fills in what the path needs before the value is set (a missing parent with its defaults). */
  prepare?: (d: Draft) => Draft;
}) {
  // The field is named by its path in the document, so the engine's message lands next to it.
  const key = path
    .map(String)
    .join(".")
    .replace(/\.(\d+)/g, "[$1]");
  let value: unknown = draft;
  for (const part of path) value = (value as Record<string | number, unknown>)?.[part];
  return (
    <Field
      name={key}
      label={
        <>
          {label}
          {unit ? <span className="muted"> ({unit})</span> : null}
        </>
      }
      error={issueAt(issues, key)}
      hint={hint}
    >
      {(props) => (
        <input
          {...props}
          type="text"
          inputMode="decimal"
          value={(typeof value === "number" ? shown?.(value) : undefined) ?? shownNumber(value, scale)}
          placeholder={placeholder}
          onChange={(e) =>
            onChange(
              setIn(
                prepare(draft),
                path,
                optional && e.target.value.trim() === "" ? undefined : typedNumber(e.target.value, scale),
              ),
            )
          }
        />
      )}
    </Field>
  );
}

/** The draft with `assumptions.hiring` in place, its defaults filled in, so a first hiring figure keeps the rest. */
function withHiring(draft: Draft): Draft {
  if (draft.assumptions.hiring) return draft;
  return setIn(draft, ["assumptions", "hiring"], {
    firstYearAttritionMultiplier: 1,
    hiresPerRecruiterPerQuarter: DEFAULT_HIRES_PER_RECRUITER_PER_QUARTER,
    maxGrowthPerQuarter: DEFAULT_MAX_GROWTH_PER_QUARTER,
  });
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="form">
      <legend>{title}</legend>
      <div className="form-row">{children}</div>
    </fieldset>
  );
}

/** Every assumption of MODEL.md section 3, editable; changes re-project at once. */
export function AssumptionsPanel({
  draft,
  issues,
  onChange,
}: {
  draft: Draft;
  issues: ScenarioIssue[];
  onChange: (d: Draft) => void;
}) {
  const a = draft.assumptions;
  const props = { draft, issues, onChange };
  return (
    <div className="form" style={{ maxWidth: "none" }}>
      <Group title="Horizon">
        <div className="field">
          <label htmlFor="what-if-start">Start month</label>
          <input
            id="what-if-start"
            type="month"
            value={draft.start}
            onChange={(e) => onChange(setIn(draft, ["start"], e.target.value))}
          />
        </div>
        <NumberInput label="Horizon" unit="months" path={["horizonMonths"]} {...props} />
        <div className="field">
          <label htmlFor="what-if-step">Figures by</label>
          <select
            id="what-if-step"
            value={draft.step}
            onChange={(e) => onChange(setIn(draft, ["step"], e.target.value))}
          >
            <option value="month">Month</option>
            <option value="quarter">Quarter</option>
            <option value="year">Year</option>
          </select>
        </div>
      </Group>
      <Group title="Cost">
        <NumberInput
          label="Overhead"
          unit="% of salary"
          scale={100}
          path={["assumptions", "overheadRate"]}
          {...props}
        />
        <NumberInput
          label="Recruiting fee"
          unit="% of salary"
          scale={100}
          path={["assumptions", "recruitingFeeRate"]}
          {...props}
        />
        <NumberInput label="Annual raise" unit="%" scale={100} path={["assumptions", "annualRaiseRate"]} {...props} />
        <NumberInput
          label="Promotion raise"
          unit="%"
          scale={100}
          path={["assumptions", "promotionRaiseRate"]}
          {...props}
        />
      </Group>
      <Group title="Backfill and mentoring">
        <div className="field">
          <label htmlFor="what-if-backfill">Backfill leavers</label>
          <select
            id="what-if-backfill"
            value={a.backfill.enabled ? a.backfill.level : "off"}
            onChange={(e) =>
              onChange(
                setIn(
                  draft,
                  ["assumptions", "backfill"],
                  e.target.value === "off"
                    ? { ...a.backfill, enabled: false }
                    : { ...a.backfill, enabled: true, level: e.target.value },
                ),
              )
            }
          >
            <option value="off">No</option>
            <option value="same">Yes, at the same level</option>
            <option value="below">Yes, one level below</option>
            {draft.levels.map((level) => (
              <option key={level.id} value={level.id}>
                Yes, at {level.id} {level.title}
              </option>
            ))}
          </select>
        </div>
        <NumberInput
          label="Backfill delay"
          unit="months"
          path={["assumptions", "backfill", "delayMonths"]}
          hint={a.backfill.useTimeToFill ? "Not used: each level's time to fill sets it" : undefined}
          {...props}
        />
        <div className="field">
          <label htmlFor="what-if-time-to-fill">Backfill delay from each level&apos;s time to fill</label>
          <select
            id="what-if-time-to-fill"
            value={a.backfill.useTimeToFill ? "yes" : "no"}
            onChange={(e) =>
              onChange(setIn(draft, ["assumptions", "backfill", "useTimeToFill"], e.target.value === "yes"))
            }
          >
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="what-if-program">Mentoring program</label>
          <select
            id="what-if-program"
            value={a.mentorship.program ? "yes" : "no"}
            onChange={(e) => onChange(setIn(draft, ["assumptions", "mentorship", "program"], e.target.value === "yes"))}
          >
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </div>
        <NumberInput
          label="Juniors kept by it"
          unit="% at full coverage"
          scale={100}
          path={["assumptions", "mentorship", "retentionEffect"]}
          {...props}
        />
        <NumberInput label="Working week" unit="hours" path={["assumptions", "hoursPerWeek"]} {...props} />
      </Group>
      <Group title="Hiring">
        <NumberInput
          label="First-year attrition"
          unit="times the usual rate"
          path={["assumptions", "hiring", "firstYearAttritionMultiplier"]}
          optional
          placeholder="1"
          prepare={withHiring}
          {...props}
        />
        <NumberInput
          label="Recruiters"
          path={["assumptions", "hiring", "recruiters"]}
          optional
          placeholder="not set"
          prepare={withHiring}
          hint={`Empty: not checked (at most ${MAX_RECRUITERS.toLocaleString("en-US")})`}
          {...props}
        />
        <NumberInput
          label="Hires per recruiter"
          unit="a quarter"
          path={["assumptions", "hiring", "hiresPerRecruiterPerQuarter"]}
          optional
          placeholder={String(DEFAULT_HIRES_PER_RECRUITER_PER_QUARTER)}
          prepare={withHiring}
          {...props}
        />
        <NumberInput
          label="Growth limit"
          unit="% of the team a quarter"
          scale={100}
          shown={(value) => (value === DEFAULT_MAX_GROWTH_PER_QUARTER ? "33.3" : undefined)}
          path={["assumptions", "hiring", "maxGrowthPerQuarter"]}
          optional
          placeholder={String(Math.round(DEFAULT_MAX_GROWTH_PER_QUARTER * 100))}
          prepare={withHiring}
          {...props}
        />
      </Group>
      <Group title="Targets and simulation">
        <NumberInput label="Juniors per senior, from" path={["assumptions", "ratioTarget", 0]} {...props} />
        <NumberInput label="to" path={["assumptions", "ratioTarget", 1]} {...props} />
        <NumberInput label="Simulated futures" unit="trials" path={["monteCarlo", "trials"]} {...props} />
        <NumberInput
          label="Seed"
          path={["monteCarlo", "seed"]}
          {...props}
          hint="The same seed gives the same simulation"
        />
      </Group>
    </div>
  );
}
