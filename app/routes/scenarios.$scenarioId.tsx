import { actorOf, requireUser, seesSalaries } from "~/services/auth.server";
import { refusalOf } from "~/services/changes.server";
import { formText, readVersion } from "~/forms/parse";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  unstable_usePrompt,
  useActionData,
  useBeforeUnload,
  useLoaderData,
  useNavigation,
} from "@remix-run/react";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import {
  CapacityChart,
  CostChart,
  HeadcountOverTimeChart,
  MentoringOverTimeChart,
  RatioChart,
  TeamHeadcountChart,
} from "~/components/charts/scenario-charts";
import { AssumptionsPanel } from "~/components/scenario/assumptions-panel";
import { setIn, type Draft } from "~/components/scenario/draft";
import { LevelsPanel } from "~/components/scenario/levels-panel";
import { PeriodsPanel } from "~/components/scenario/periods-panel";
import { PlanEditor } from "~/components/scenario/plan-editor";
import { SkillsOverTime } from "~/components/scenario/skills-over-time";
import { SummaryCards } from "~/components/scenario/summary-cards";
import { useMonteCarlo } from "~/components/scenario/use-monte-carlo";
import { useWhatIf } from "~/components/scenario/use-what-if";
import { PageHeader } from "~/components/ui/page-header";
import { TeamPicker, WHOLE_ORG } from "~/components/ui/team-picker";
import { monthOf, planWarnings, skillNamer, teamView } from "~/domain";
import { projectionOf } from "~/services/compute.server";
import { listSkills } from "~/services/ladder.server";
import {
  deleteScenario,
  duplicateScenario,
  getScenario,
  refreshFromRoster,
  saveScenario,
  setScenarioArchived,
  validateScenarioDocument,
} from "~/services/scenarios.server";
import { getWorkspace } from "~/services/workspace.server";
import { getDb } from "~/utils/db.server";
import { formatMoneyShort, formatNumber } from "~/utils/format";
import { requireId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.stored.scenario.name ?? "Scenario"} · Teamshape` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const id = requireId(params.scenarioId);
  // The what-if page holds the whole document, salaries included: viewers read the report instead.
  if (!seesSalaries(user)) throw redirect(`/scenarios/${id}/report`);
  const db = await getDb();
  const stored = await getScenario(db, { id });
  if (!stored) throw new Response("Scenario not found", { status: 404 });
  // The server's first render shows this; the browser then runs the engine itself on every edit.
  return {
    stored,
    skills: await listSkills(db),
    projection: await projectionOf(stored.scenario, { signal: request.signal }),
    fiscalYearStartMonth: (await getWorkspace(db)).fiscalYearStartMonth,
    today: monthOf(new Date()),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const actor = actorOf(user);
  const id = requireId(params.scenarioId);
  const db = await getDb();
  const form = await request.formData();
  const intent = formText(form, "intent");
  const notFound = () => new Response("Scenario not found", { status: 404 });
  switch (intent) {
    case "save": {
      const checked = await validateScenarioDocument(formText(form, "document"), { signal: request.signal });
      if (!checked.ok) return data({ ok: false as const, messages: checked.messages }, { status: 400 });
      const saved = await saveScenario(db, {
        id,
        scenario: checked.scenario,
        expectedVersion: readVersion(form),
        actor,
      });
      const refused = refusalOf(saved, "Scenario not found");
      if (refused) return data({ ok: false as const, messages: [refused] }, { status: 409 });
      return { ok: true as const, messages: ["Saved."] };
    }
    case "refresh": {
      const result = await refreshFromRoster(db, { id, expectedVersion: readVersion(form), actor });
      if (!result) throw notFound();
      const refused = refusalOf(result, "Scenario not found");
      if (refused) return data({ ok: false as const, messages: [refused] }, { status: 409 });
      const dropped =
        result.dropped > 0
          ? ` ${result.dropped} event${result.dropped === 1 ? " for a person, level or team no longer there was" : "s for people, levels or teams no longer there were"} removed.`
          : "";
      const placed =
        result.placed > 0
          ? ` ${result.placed} hire${result.placed === 1 ? "" : "s"} whose team is gone now join${result.placed === 1 ? "s" : ""} the first team.`
          : "";
      return {
        ok: true as const,
        messages: [`The team, its teams and the ladder now match the roster.${dropped}${placed}`],
      };
    }
    case "duplicate": {
      const copy = await duplicateScenario(db, { id, actor });
      if (!copy) throw notFound();
      return redirect(`/scenarios/${copy}`);
    }
    case "archive":
    case "unarchive":
      if (!(await setScenarioArchived(db, { id, archived: intent === "archive", actor }))) throw notFound();
      return redirect(intent === "archive" ? "/scenarios" : `/scenarios/${id}`);
    case "delete":
      if (!(await deleteScenario(db, { id, actor }))) throw notFound();
      return redirect("/scenarios");
    default:
      return data({ ok: false as const, messages: [`Unknown action "${intent}".`] }, { status: 400 });
  }
}

export default function ScenarioPage() {
  const { stored, skills, projection: savedProjection, fiscalYearStartMonth, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const whatIf = useWhatIf(stored.version, stored.scenario, savedProjection);
  const { draft, parsed, shown, dirty } = whatIf;
  // A changed draft ends the simulation of the one before.
  const { run: monteCarloRun, start: startMonteCarlo, reset: resetMonteCarlo } = useMonteCarlo();
  const { edit, discard } = whatIf;
  const setDraft = useCallback(
    (next: Draft) => {
      resetMonteCarlo();
      edit(next);
    },
    [edit, resetMonteCarlo],
  );
  const scenario = parsed.ok ? parsed.scenario : stored.scenario;
  // The whole org, or one team's figures (MODEL.md section 6); a team the draft no longer has shows the org.
  const [teamChoice, setTeamChoice] = useState(WHOLE_ORG);
  const team = scenario.teams?.find((t) => t.id === teamChoice);
  const view = useMemo(() => (team ? teamView(shown, team.id) : undefined) ?? shown, [shown, team]);
  // Charts follow at a lower priority, so typing and the figures stay immediate.
  const chartRows = useDeferredValue(view.rows);
  const teamRows = useDeferredValue(shown.rows);
  const issues = parsed.ok ? [] : parsed.issues;
  // Leaving with an unsaved what-if asks first, in the app and when closing the tab.
  const leaving = dirty && navigation.state === "idle";
  unstable_usePrompt({
    when: ({ currentLocation, nextLocation }) => leaving && currentLocation.pathname !== nextLocation.pathname,
    message: "Leave without saving this what-if?",
  });
  useBeforeUnload((event) => {
    if (leaving) event.preventDefault();
  });
  const warnings = useMemo(
    () => (parsed.ok ? planWarnings(parsed.scenario, shown, skillNamer(skills), team?.id) : []),
    [parsed, shown, skills, team],
  );
  const mcResult = monteCarloRun.state === "done" ? monteCarloRun.result : null;
  const stepLabel = draft.step === "month" ? "month" : draft.step === "quarter" ? "quarter" : "year";

  return (
    <>
      <PageHeader
        title={stored.scenario.name}
        crumbs={[{ to: "/scenarios", label: "Scenarios" }]}
        description={
          stored.scenario.description ||
          `${stored.source === "roster" ? "A snapshot of the team" : "A top-down plan"} from ${stored.scenario.start}, over ${stored.scenario.horizonMonths} months.`
        }
        actions={
          <>
            <Link className="button button-light" to={`/compare?ids=${stored.id}`}>
              Compare
            </Link>
            <Link className="button button-light" to={`/scenarios/${stored.id}/report`}>
              Report
            </Link>
            <Link className="button button-light" to={`/scenarios/${stored.id}.xlsx`} reloadDocument>
              Download XLSX
            </Link>
            <Link className="button button-light" to={`/scenarios/${stored.id}.csv`} reloadDocument>
              CSV
            </Link>
            <Link className="button button-light" to={`/scenarios/${stored.id}.json`} reloadDocument>
              Export JSON
            </Link>
            <Form method="post">
              <button className="button button-light" name="intent" value="duplicate">
                Duplicate
              </button>
            </Form>
            <Form method="post">
              <button className="button button-light" name="intent" value={stored.archived ? "unarchive" : "archive"}>
                {stored.archived ? "Restore" : "Archive"}
              </button>
            </Form>
            <Form
              method="post"
              onSubmit={(event) => {
                if (
                  !confirm(`Delete "${stored.scenario.name}"? This cannot be undone; export it first to keep a copy.`)
                )
                  event.preventDefault();
              }}
            >
              <button className="button button-danger" name="intent" value="delete">
                Delete
              </button>
            </Form>
          </>
        }
      />

      <div className="card what-if-bar" role="region" aria-label="What-if">
        <div>
          {issues.length > 0 ? (
            <span className="pill bad">Fix the highlighted fields: the figures show the last valid version</span>
          ) : dirty ? (
            <span className="pill warn">Unsaved what-if</span>
          ) : (
            <span className="pill good">Saved</span>
          )}{" "}
          {whatIf.ms === null ? null : (
            <span className="muted" data-testid="recompute-time">
              {`Recomputed in ${whatIf.ms < 1 ? "under 1" : Math.round(whatIf.ms)} ms`}
            </span>
          )}
        </div>
        <Form method="post" className="button-row">
          <input type="hidden" name="document" value={JSON.stringify(draft)} />
          <input type="hidden" name="version" value={stored.version} />
          {result ? <span className={result.ok ? "muted" : "field-error"}>{result.messages[0]}</span> : null}
          <button
            type="button"
            className="button button-light"
            disabled={!dirty}
            onClick={() => {
              resetMonteCarlo();
              discard();
            }}
          >
            Discard changes
          </button>
          <button
            type="submit"
            className="button"
            name="intent"
            value="save"
            disabled={!dirty || issues.length > 0 || navigation.state === "submitting"}
          >
            Save
          </button>
        </Form>
      </div>
      {result && !result.ok && result.messages.length > 1 ? (
        <ul className="form-error">
          {result.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}

      {scenario.teams ? (
        <div className="section button-row">
          <TeamPicker teams={scenario.teams} value={team?.id ?? WHOLE_ORG} onChange={setTeamChoice} />
          <span className="muted">
            {team
              ? `${team.name}'s people, cost, mentoring and skills; its juniors per senior against its own band.`
              : `All ${scenario.teams.length} teams together; warnings name the team they are about.`}
          </span>
        </div>
      ) : null}

      {warnings.length > 0 ? (
        <section className="card section warnings" aria-label="Warnings">
          <h2>Where this plan breaks a target{team ? ` in ${team.name}` : ""}</h2>
          <ul>
            {warnings.map((w) => (
              <li key={w.message}>{w.message}</li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="notice section">
          {team ? `In ${team.name}, this` : "This"} plan keeps mentoring covered, the ratio in band and every skill with
          two owners.
        </p>
      )}

      <div className="section">
        <SummaryCards summary={view.summary} stepLabel={stepLabel} />
      </div>

      <PeriodsPanel
        view={view}
        fiscalYearStartMonth={fiscalYearStartMonth}
        today={today}
        teamName={team?.name}
        csvPath={`/scenarios/${stored.id}.csv`}
      />

      <section className="grid grid-2 section">
        <HeadcountOverTimeChart rows={chartRows} levels={scenario.levels} />
        {scenario.teams && !team ? <TeamHeadcountChart rows={teamRows} teams={scenario.teams} /> : null}
        <CostChart rows={chartRows} />
        <RatioChart rows={chartRows} target={team?.ratioTarget ?? scenario.assumptions.ratioTarget} />
        <MentoringOverTimeChart rows={chartRows} />
        <div>
          {/* The simulated range is the org's: a team's view shows its expected capacity alone. */}
          <CapacityChart rows={chartRows} monteCarlo={team ? null : mcResult} />
          <div className="button-row" style={{ marginTop: 10 }}>
            <button
              type="button"
              className="button button-light"
              disabled={!parsed.ok || monteCarloRun.state === "running"}
              onClick={() =>
                parsed.ok &&
                startMonteCarlo(parsed.scenario, parsed.scenario.monteCarlo.trials, parsed.scenario.monteCarlo.seed)
              }
            >
              Simulate {scenario.monteCarlo.trials.toLocaleString("en-US")} futures
            </button>
            {monteCarloRun.state === "running" ? (
              <span className="muted" role="status">
                <progress value={monteCarloRun.done} max={monteCarloRun.total} /> {monteCarloRun.done} of{" "}
                {monteCarloRun.total}
              </span>
            ) : null}
            {monteCarloRun.state === "failed" ? <span className="field-error">{monteCarloRun.messages[0]}</span> : null}
            {mcResult ? (
              <span className="muted" role="status">
                {team ? "For the whole org: total cost" : "Total cost"} {formatMoneyShort(mcResult.horizonCost.p10)} to{" "}
                {formatMoneyShort(mcResult.horizonCost.p90)} (80% of futures); ratio stays in band in{" "}
                {formatNumber(mcResult.probabilityRatioInBand * 100, 0)}%, mentoring always covered in{" "}
                {formatNumber(mcResult.probabilityFullCoverage * 100, 0)}%.
              </span>
            ) : null}
          </div>
        </div>
        <SkillsOverTime rows={chartRows} skills={skills} />
      </section>

      <section className="card section">
        <h2>The plan</h2>
        <p className="card-note">
          Hires, promotions, departures{scenario.teams ? " and moves between teams" : ""}, by month from the start.
          Changes update every figure above at once; Save keeps them.
        </p>
        <PlanEditor draft={draft} issues={issues} skills={skills} onChange={setDraft} />
      </section>

      <section className="card section">
        <h2>Assumptions</h2>
        <div className="form-row" style={{ marginBottom: 12 }}>
          <div className="field">
            <label htmlFor="scenario-name">Name</label>
            <input
              id="scenario-name"
              type="text"
              value={draft.name}
              onChange={(e) => setDraft(setIn(draft, ["name"], e.target.value))}
            />
          </div>
          <div className="field">
            <label htmlFor="scenario-description">Description</label>
            <input
              id="scenario-description"
              type="text"
              value={draft.description ?? ""}
              onChange={(e) => setDraft(setIn(draft, ["description"], e.target.value))}
            />
          </div>
        </div>
        <AssumptionsPanel draft={draft} issues={issues} onChange={setDraft} />
        <h3 style={{ marginTop: 18 }}>Level parameters in this scenario</h3>
        <p className="card-note">
          This scenario&apos;s own copy of the ladder: change a level here without touching the ladder page.
        </p>
        <LevelsPanel draft={draft} issues={issues} onChange={setDraft} />
        {stored.source === "roster" ? (
          <Form method="post" style={{ marginTop: 14 }}>
            <input type="hidden" name="version" value={stored.version} />
            <button className="button button-light" name="intent" value="refresh" disabled={dirty}>
              Refresh the team from the roster
            </button>{" "}
            <span className="muted">
              This scenario keeps its own copy of the team; refresh it to take in roster changes.
            </span>
          </Form>
        ) : null}
      </section>
    </>
  );
}
