import { useFetcher } from "@remix-run/react";
import { Fragment, useMemo, useState } from "react";
import { ProposalGoalsTable, ProposalHiresTable, targetRows } from "~/components/tables/plan-proposal-tables";
import { StatCard } from "~/components/ui/stat-card";
import {
  addMonths,
  DEFAULT_MAX_PER_SLOT,
  goalKinds,
  MAX_PER_SLOT,
  planSlots,
  plannerOptionErrors,
  shortDollars,
  type Scenario,
} from "~/domain";
import { formatMonth } from "~/utils/format";
import { withHires } from "~/utils/plan-proposal";
import type { PlannerSearch } from "~/workers/planner-protocol";
import { usePlanner } from "./use-planner";

/** The name of the scenario a proposal is saved as (scenario names hold at most 200 characters). */
export const plannedName = (name: string) => `${name.slice(0, 200 - " — planned".length)} — planned`;

const quarterStarts = (horizonMonths: number) => Array.from({ length: Math.ceil(horizonMonths / 3) }, (_, i) => i * 3);

const MAX_FIELD = "plan-max-per-slot";

/**
 * "Plan for me" (MODEL.md section 8): the user picks the search space, the planner runs in a web
 * worker, and its engine-checked proposal is shown beside the current plan, to save as a new
 * scenario. `scenario` is the draft as the engine read it (null while it has errors).
 */
export function PlanForMe({ scenario }: { scenario: Scenario | null }) {
  const { run, start, cancel, reset } = usePlanner();
  const [plannedOn, setPlannedOn] = useState<Scenario | null>(null);
  // Choices are kept as what was left out, so a level or team added later starts chosen.
  const [levelsOut, setLevelsOut] = useState<string[]>([]);
  const [teamsOut, setTeamsOut] = useState<string[]>([]);
  const [months, setMonths] = useState<number[] | null>(null);
  const [maxText, setMaxText] = useState(String(DEFAULT_MAX_PER_SLOT));
  const [errors, setErrors] = useState<string[]>([]);
  const save = useFetcher<{ ok: false; messages: string[] }>();

  const hasGoals = goalKinds(scenario?.goals).length > 0;
  const horizon = scenario?.horizonMonths ?? 0;
  const chosenMonths = useMemo(() => (months ?? quarterStarts(horizon)).filter((m) => m < horizon), [months, horizon]);
  const search = useMemo<PlannerSearch | null>(
    () =>
      scenario
        ? {
            levels: scenario.levels.map((l) => l.id).filter((id) => !levelsOut.includes(id)),
            ...(scenario.teams
              ? { teams: scenario.teams.map((t) => t.id).filter((id) => !teamsOut.includes(id)) }
              : {}),
            months: chosenMonths,
            maxPerSlot: maxText.trim() === "" ? NaN : Number(maxText),
          }
        : null,
    [scenario, levelsOut, teamsOut, chosenMonths, maxText],
  );
  const choices = useMemo(() => (scenario && search ? planSlots(scenario, search).length : 0), [scenario, search]);

  if (!scenario)
    return (
      <section className="card section" aria-labelledby="plan-for-me-title">
        <h2 id="plan-for-me-title">Plan for me</h2>
        <p className="muted">Fix the highlighted fields first: the planner works on a plan the engine can read.</p>
      </section>
    );
  if (!hasGoals)
    return (
      <section className="card section" aria-labelledby="plan-for-me-title">
        <h2 id="plan-for-me-title">Plan for me</h2>
        <p>
          Set a goal first (a capacity to reach, a budget, the juniors-per-senior band, mentoring or a headcount cap):
          the planner then finds the cheapest hires that meet every goal.
        </p>
      </section>
    );

  const running = run.state === "planning" || (run.state === "done" && run.relaxing !== null);
  const stale = plannedOn !== null && plannedOn !== scenario;
  const maxError = errors.find((e) => e.startsWith("Most hires per slot"));
  const otherErrors = errors.filter((e) => e !== maxError);
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const years = new Map<string, number[]>();
  for (let m = 0; m < horizon; m++) {
    const year = addMonths(scenario.start, m).slice(0, 4);
    years.set(year, [...(years.get(year) ?? []), m]);
  }

  const onPlan = () => {
    const problems = plannerOptionErrors(scenario, search!).map((e) =>
      e.replace(/got NaN\.$/, maxText.trim() === "" ? "but it is empty." : `got "${maxText}".`),
    );
    setErrors(problems);
    if (problems.length > 0) return;
    setPlannedOn(scenario);
    start(scenario, search!);
  };

  return (
    <section className="card section plan-for-me" aria-labelledby="plan-for-me-title">
      <h2 id="plan-for-me-title">Plan for me</h2>
      <p className="card-note">
        The cheapest hires to add to this plan so that it meets every goal
        {scenario.assumptions.hiring ? " and the hiring limits" : ""}. It runs in your browser; nothing is saved until
        you save the proposal as a new scenario.
      </p>

      <div className="plan-space">
        <fieldset>
          <legend>Levels to hire</legend>
          {scenario.levels.map((level) => (
            <label key={level.id} className="checkbox-label">
              <input
                type="checkbox"
                checked={!levelsOut.includes(level.id)}
                onChange={() => setLevelsOut(toggle(levelsOut, level.id))}
                disabled={running}
              />
              {level.title}
            </label>
          ))}
        </fieldset>
        {scenario.teams ? (
          <fieldset>
            <legend>Teams to hire into</legend>
            {scenario.teams.map((team) => (
              <label key={team.id} className="checkbox-label">
                <input
                  type="checkbox"
                  checked={!teamsOut.includes(team.id)}
                  onChange={() => setTeamsOut(toggle(teamsOut, team.id))}
                  disabled={running}
                />
                {team.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <fieldset>
          <legend>Start months</legend>
          <div className="plan-months">
            {[...years].map(([year, ms], row) => (
              <Fragment key={year}>
                <span className="plan-year" style={{ gridRow: row + 1, gridColumn: 1 }}>
                  {year}
                </span>
                {ms.map((m) => {
                  const period = addMonths(scenario.start, m);
                  const words = formatMonth(period);
                  return (
                    <label
                      key={m}
                      className="checkbox-label"
                      style={{ gridRow: row + 1, gridColumn: Number(period.slice(5)) + 1 }}
                    >
                      <input
                        type="checkbox"
                        aria-label={words}
                        checked={chosenMonths.includes(m)}
                        onChange={() =>
                          setMonths(
                            chosenMonths.includes(m)
                              ? chosenMonths.filter((x) => x !== m)
                              : [...chosenMonths, m].sort((a, b) => a - b),
                          )
                        }
                        disabled={running}
                      />
                      {words.slice(0, 3)}
                    </label>
                  );
                })}
              </Fragment>
            ))}
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button button-light button-small"
              onClick={() => setMonths(null)}
              disabled={running}
            >
              First month of each quarter
            </button>
            <button
              type="button"
              className="button button-light button-small"
              onClick={() => setMonths(Array.from({ length: horizon }, (_, i) => i))}
              disabled={running}
            >
              Every month
            </button>
          </div>
        </fieldset>
        <div className={`field${maxError ? " invalid" : ""}`}>
          <label htmlFor={MAX_FIELD}>Most hires per slot</label>
          <input
            id={MAX_FIELD}
            type="number"
            min={1}
            max={MAX_PER_SLOT}
            step={1}
            value={maxText}
            onChange={(e) => setMaxText(e.target.value)}
            aria-invalid={Boolean(maxError)}
            aria-describedby={`${MAX_FIELD}-hint${maxError ? ` ${MAX_FIELD}-error` : ""}`}
            disabled={running}
          />
          <span className="hint" id={`${MAX_FIELD}-hint`}>
            For each level, team and month: 1 to {MAX_PER_SLOT}.
          </span>
          {maxError ? (
            <p className="field-error" id={`${MAX_FIELD}-error`} role="alert">
              {maxError}
            </p>
          ) : null}
        </div>
      </div>
      <p className="muted">
        {choices.toLocaleString("en-US")} {choices === 1 ? "choice" : "choices"} of level
        {scenario.teams ? ", team" : ""} and month. A level&apos;s hires start no sooner than its time to fill allows.
      </p>
      {otherErrors.length > 0 ? (
        <ul className="form-error" role="alert">
          {otherErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}

      <div className="button-row">
        <button type="button" className="button" onClick={onPlan} disabled={running}>
          Plan for me
        </button>
        {run.state === "planning" ? (
          <span className="muted" role="status">
            <progress value={run.done} max={run.total} /> Trying plans: {run.done.toLocaleString("en-US")} of{" "}
            {run.total.toLocaleString("en-US")}
          </span>
        ) : null}
        {run.state === "done" && run.relaxing ? (
          <span className="muted" role="status">
            <progress value={run.relaxing.done} max={run.relaxing.total} /> Working out what each goal costs:{" "}
            {run.relaxing.done} of {run.relaxing.total}
          </span>
        ) : null}
        {running ? (
          <button type="button" className="button button-light" onClick={cancel}>
            Cancel
          </button>
        ) : null}
        {run.state === "failed" ? (
          <span className="field-error" role="alert">
            {run.messages.join(" ")}
          </span>
        ) : null}
      </div>

      {run.state === "done" ? (
        <Proposal
          run={run}
          scenario={plannedOn ?? scenario}
          stale={stale}
          onDismiss={reset}
          save={save}
          withTeams={Boolean(scenario.teams)}
        />
      ) : null}
    </section>
  );
}

function Proposal({
  run,
  scenario,
  stale,
  onDismiss,
  save,
  withTeams,
}: {
  run: Extract<ReturnType<typeof usePlanner>["run"], { state: "done" }>;
  scenario: Scenario;
  stale: boolean;
  onDismiss: () => void;
  save: ReturnType<typeof useFetcher<{ ok: false; messages: string[] }>>;
  withTeams: boolean;
}) {
  const { proposal } = run;
  const targets = useMemo(() => targetRows(proposal.goals, proposal.limits), [proposal]);
  const difference = proposal.proposedCost - proposal.currentCost;
  const added = proposal.rows.reduce((sum, r) => sum + r.count, 0);
  const name = plannedName(scenario.name);
  const document = useMemo(
    () => JSON.stringify({ ...withHires(scenario, proposal.hires), name }),
    [scenario, proposal, name],
  );
  return (
    <div className="plan-proposal" aria-labelledby="plan-proposal-title">
      <h3 id="plan-proposal-title" className="visually-hidden">
        The proposal
      </h3>
      <p className={`plan-answer ${proposal.found ? "good" : "bad"}`} data-testid="plan-answer">
        {proposal.headline}
      </p>
      <p className="muted">
        {proposal.searchWords}
        {proposal.method === "search" ? " (a search of the likeliest plans: good, not proven the cheapest)" : ""}.
        {proposal.found ? "" : " The closest plan is shown below."}
      </p>
      {stale ? (
        <p className="notice">This plan has changed since the proposal was made: press Plan for me again.</p>
      ) : null}
      <div className="grid grid-cards">
        <StatCard label="The plan now" value={shortDollars(proposal.currentCost)} hint="total cost over the plan" />
        <StatCard
          label={proposal.found ? "With the proposal" : "With the closest plan"}
          value={shortDollars(proposal.proposedCost)}
          hint={`${added} ${added === 1 ? "hire" : "hires"} added`}
          tone={proposal.found ? "good" : "bad"}
        />
        <StatCard
          label="Difference"
          value={`${difference >= 0 ? "+" : "-"}${shortDollars(Math.abs(difference))}`}
          hint={difference >= 0 ? "more than now" : "less than now"}
        />
      </div>
      <div className="grid grid-2 section">
        <div>
          <h3>Goals</h3>
          <ProposalGoalsTable rows={targets} closest={!proposal.found} />
        </div>
        <div>
          <h3>{proposal.found ? "Hires to add" : "Hires in the closest plan"}</h3>
          <ProposalHiresTable rows={proposal.rows} withTeams={withTeams} />
        </div>
      </div>
      <h3 className="plan-relaxations-title">What each goal costs</h3>
      {run.relaxations ? (
        <ul className="plan-relaxations">
          {run.relaxations.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          {run.relaxing ? "Working it out: the planner runs again with each goal relaxed by 10%." : "Not worked out."}
        </p>
      )}
      <save.Form method="post" className="button-row">
        <input type="hidden" name="intent" value="save-planned" />
        <input type="hidden" name="document" value={document} />
        <button
          type="submit"
          className="button"
          disabled={stale || save.state !== "idle" || proposal.rows.length === 0}
        >
          Save as new scenario
        </button>
        <button type="button" className="button button-light" onClick={onDismiss}>
          Dismiss
        </button>
        <span className="muted">
          {proposal.rows.length === 0
            ? "Nothing to save: the plan needs no hires."
            : `Saves "${name}": this plan with the hires above added. This scenario stays as it is.`}
        </span>
        {save.data && !save.data.ok ? (
          <span className="field-error" role="alert">
            {save.data.messages.join(" ")}
          </span>
        ) : null}
      </save.Form>
    </div>
  );
}
