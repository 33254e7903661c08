import { actorOf, requireUser, seesSalaries } from "~/services/auth.server";
import { refusalOf } from "~/services/changes.server";
import { formText, formValues, parseForm, readVersion } from "~/forms/parse";
import { adoptPlanSchema } from "~/forms/plan-of-record";
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
import { useCallback, useDeferredValue, useMemo, useRef, useState } from "react";
import {
  CapacityChart,
  CostChart,
  HeadcountOverTimeChart,
  MentoringOverTimeChart,
  RatioChart,
  TeamHeadcountChart,
} from "~/components/charts/scenario-charts";
import { AdoptPlan, type AdoptResult } from "~/components/scenario/adopt-plan";
import { AssumptionsPanel } from "~/components/scenario/assumptions-panel";
import { AttritionPanel } from "~/components/scenario/attrition-panel";
import { setIn, type Draft } from "~/components/scenario/draft";
import { GoalLikelihoods, GoalsPanel } from "~/components/scenario/goals-panel";
import { HiringPanel } from "~/components/scenario/hiring-panel";
import { LevelsPanel } from "~/components/scenario/levels-panel";
import { MonthTable } from "~/components/scenario/month-table";
import { PeriodsPanel } from "~/components/scenario/periods-panel";
import { PlanForMe } from "~/components/scenario/plan-for-me";
import { PlanEditor } from "~/components/scenario/plan-editor";
import { PlanWarnings, warningsOf } from "~/components/scenario/plan-warnings";
import { RefreshFromRoster } from "~/components/scenario/refresh-from-roster";
import { SkillsOverTime } from "~/components/scenario/skills-over-time";
import { SummaryCards } from "~/components/scenario/summary-cards";
import { useMonteCarlo } from "~/components/scenario/use-monte-carlo";
import { useSaveShortcut } from "~/components/scenario/use-save-shortcut";
import { useWhatIf } from "~/components/scenario/use-what-if";
import { VersionHistory } from "~/components/scenario/version-history";
import { PageHeader } from "~/components/ui/page-header";
import { TeamPicker, WHOLE_ORG } from "~/components/ui/team-picker";
import { monthOf, teamView } from "~/domain";
import { projectionUnlessInline } from "~/services/compute.server";
import { listSkills } from "~/services/ladder.server";
import { adoptPlan, getPlanOfRecord } from "~/services/plan-of-record.server";
import {
  createScenario,
  deleteScenario,
  duplicateScenario,
  getScenario,
  listScenarioVersions,
  previewRefresh,
  refreshFromRoster,
  restoreScenarioVersion,
  saveScenario,
  setScenarioArchived,
  validateScenarioDocument,
} from "~/services/scenarios.server";
import { getWorkspace } from "~/services/workspace.server";
import { getDb } from "~/utils/db.server";
import { sendApart, withTeam } from "~/utils/packed-team";
import { formatMoneyShort, formatNumber } from "~/utils/format";
import { SCENARIO_VERSIONS_PER_PAGE } from "~/utils/limits";
import { requireId } from "~/utils/params";
import type { SkipLink } from "~/utils/skip-links";

export const handle = { skipLinks: [{ href: "#plan-actions", label: "Skip to the plan" }] satisfies SkipLink[] };

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
  const url = new URL(request.url);
  // Admins adopt a plan of record here: the panel says whether this scenario is it.
  const record = user.role === "admin" ? await getPlanOfRecord(db) : null;
  const historyPage = Math.max(1, Math.floor(Number(url.searchParams.get("history")) || 1));
  // The team goes as one packed text: encoded entry by entry, it was most of the page's server time.
  const { scenario, team } = sendApart(stored.scenario);
  return {
    stored: { ...stored, scenario },
    team,
    skills: await listSkills(db),
    // Null unless large: the page projects the document itself, as it does on every edit.
    projection: await projectionUnlessInline(stored.scenario, { signal: request.signal }),
    // Versions hold salaries: the page that lists them is for planners only (viewers left above).
    history: {
      ...(await listScenarioVersions(db, { id, page: historyPage, perPage: SCENARIO_VERSIONS_PER_PAGE })),
      page: historyPage,
    },
    // "?refresh" asks what a refresh would replace, before anything is replaced.
    refreshPreview:
      stored.source === "roster" && url.searchParams.has("refresh")
        ? ((await previewRefresh(db, { id })) ?? null)
        : null,
    fiscalYearStartMonth: (await getWorkspace(db)).fiscalYearStartMonth,
    today: monthOf(new Date()),
    canAdopt: user.role === "admin",
    adoption: record && {
      isThisScenario: record.scenarioId === id,
      scenarioName: record.scenarioName,
      versionNumber: record.versionNumber,
      adoptedFrom: record.adoptedFrom,
      adoptedBy: record.adoptedBy,
    },
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
      const resetLevels = formText(form, "resetLevels") === "on";
      const result = await refreshFromRoster(db, { id, expectedVersion: readVersion(form), resetLevels, actor });
      if (!result) throw notFound();
      if (!result.ok && result.reason === "invalid")
        return data(
          {
            ok: false as const,
            messages: [
              'This scenario\'s own level settings no longer fit the ladder: tick "also reset the levels to the ladder" to refresh.',
              ...result.messages,
            ],
          },
          { status: 400 },
        );
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
        messages: [
          resetLevels
            ? `The team, its teams and the levels now match the roster and the ladder.${dropped}${placed}`
            : `The team and its teams now match the roster; the level settings are this scenario's own, as before.${dropped}${placed}`,
        ],
      };
    }
    case "restore-version": {
      const number = Number(formText(form, "number"));
      const restored = await restoreScenarioVersion(db, {
        id,
        number: Number.isSafeInteger(number) ? number : 0,
        expectedVersion: readVersion(form),
        actor,
      });
      if (!restored.ok && restored.reason === "no such version")
        return data(
          {
            ok: false as const,
            messages: [`There is no version ${formText(form, "number")} of this scenario to restore.`],
          },
          { status: 404 },
        );
      const refused = refusalOf(restored, "Scenario not found");
      if (refused) return data({ ok: false as const, messages: [refused] }, { status: 409 });
      return { ok: true as const, messages: [`Version ${number} restored, as a new version.`] };
    }
    case "save-planned": {
      // "Plan for me" ran in the browser: the server re-reads the proposed document with the engine.
      const checked = await validateScenarioDocument(formText(form, "document"), { signal: request.signal });
      if (!checked.ok) return data({ ok: false as const, messages: checked.messages }, { status: 400 });
      const stored = await getScenario(db, { id });
      if (!stored) throw notFound();
      const copy = await createScenario(db, {
        scenario: checked.scenario,
        source: stored.source,
        actor,
        action: "plan for me",
        summary: `Created scenario "${checked.scenario.name}" from Plan for me on "${stored.scenario.name}"`,
      });
      return redirect(`/scenarios/${copy}`);
    }
    case "adopt": {
      const admin = await requireUser(request, "admin");
      const parsed = parseForm(adoptPlanSchema, form);
      const refuse = (errors: Record<string, string>, status: number) =>
        data({ intent: "adopt", ok: false, errors, values: formValues(form) } satisfies AdoptResult, { status });
      if (!parsed.ok) return refuse(parsed.errors, 400);
      const adopted = await adoptPlan(db, { scenarioId: id, ...parsed.data, actor: actorOf(admin) });
      if (!adopted.ok) return refuse({ [adopted.field ?? "form"]: adopted.message }, adopted.field ? 400 : 409);
      return {
        intent: "adopt",
        ok: true,
        versionNumber: adopted.versionNumber,
        adoptedFrom: parsed.data.adoptedFrom,
      } satisfies AdoptResult;
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

/**
 * Keyed by the scenario: going from one scenario to another (Duplicate, Save as new scenario)
 * starts the page's state afresh, rather than keeping the last scenario's draft and panels.
 */
export default function ScenarioRoute() {
  const { stored } = useLoaderData<typeof loader>();
  return <ScenarioPage key={stored.id} />;
}

function ScenarioPage() {
  const {
    stored: sent,
    team: packedTeam,
    skills,
    projection: savedProjection,
    history,
    refreshPreview,
    fiscalYearStartMonth,
    today,
    canAdopt,
    adoption,
  } = useLoaderData<typeof loader>();
  const scenarioSent = withTeam(sent.scenario, packedTeam);
  const stored = useMemo(() => ({ ...sent, scenario: scenarioSent }), [sent, scenarioSent]);
  const answered = useActionData<typeof action>();
  // The adopt panel shows its own answer; the save bar shows the others'.
  const adopted = answered && "intent" in answered ? (answered as AdoptResult) : undefined;
  const result = answered && !("intent" in answered) ? answered : undefined;
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
    () => (parsed.ok ? warningsOf(parsed.scenario, shown, skills, team?.id) : []),
    [parsed, shown, skills, team],
  );
  const mcResult = monteCarloRun.state === "done" ? monteCarloRun.result : null;
  const coverageByStep = useMemo(() => shown.rows.map((row) => row.coverage), [shown.rows]);
  // Ctrl+S / Cmd+S presses Save, when Save may be pressed (not while a save is under way).
  const saveForm = useRef<HTMLFormElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  useSaveShortcut(() => {
    if (saveButton.current && !saveButton.current.disabled) saveForm.current?.requestSubmit(saveButton.current);
  });
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
        <div
          data-testid="recompute-time"
          title={
            whatIf.ms === null ? undefined : `Recomputed in ${whatIf.ms < 1 ? "under 1" : Math.round(whatIf.ms)} ms`
          }
        >
          {issues.length > 0 ? (
            <span className="pill bad">Fix the highlighted fields: the figures show the last valid version</span>
          ) : dirty ? (
            <span className="pill warn">Unsaved what-if</span>
          ) : (
            <span className="pill good">Saved</span>
          )}
        </div>
        <Form method="post" className="button-row" ref={saveForm}>
          {/* Save is pressed only on a changed draft: the saved document is not sent back into the page. */}
          {dirty ? <input type="hidden" name="document" value={JSON.stringify(draft)} /> : null}
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
            ref={saveButton}
            type="submit"
            className="button"
            name="intent"
            value="save"
            title="Save (Ctrl+S or ⌘S)"
            aria-keyshortcuts="Control+S Meta+S"
            disabled={!dirty || issues.length > 0 || navigation.state !== "idle"}
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

      <div className="section">
        <SummaryCards summary={view.summary} stepLabel={stepLabel} />
      </div>

      <PlanWarnings warnings={warnings} rows={view.rows} start={scenario.start} teamName={team?.name} />

      <GoalsPanel
        draft={draft}
        issues={issues}
        onChange={setDraft}
        scenario={parsed.ok ? parsed.scenario : null}
        projection={shown}
        monteCarlo={mcResult}
        teamName={team?.name}
      />

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
            <GoalLikelihoods scenario={scenario} result={mcResult} />
          </div>
        </div>
        <SkillsOverTime rows={chartRows} skills={skills} />
      </section>

      <section className="card section">
        <h2>The plan</h2>
        <p className="card-note">
          Hires, promotions, departures{scenario.teams ? " and moves between teams" : ""}, month by month. Changes
          update every figure above at once; Save keeps them.
        </p>
        <PlanEditor draft={draft} issues={issues} skills={skills} onChange={setDraft} />
      </section>

      <PlanForMe scenario={parsed.ok ? parsed.scenario : null} />
      <HiringPanel scenario={parsed.ok ? parsed.scenario : null} projection={shown} teamName={team?.name} />
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
        <AttritionPanel draft={draft} issues={issues} coverageByStep={coverageByStep} onChange={setDraft} />
        <LevelsPanel draft={draft} issues={issues} onChange={setDraft} />
        {stored.source === "roster" ? (
          <RefreshFromRoster scenarioId={stored.id} version={stored.version} summary={refreshPreview} dirty={dirty} />
        ) : null}
      </section>

      <MonthTable
        rows={view.rows}
        orgRows={shown.rows}
        stepMonths={shown.summary.stepMonths}
        start={scenario.start}
        horizonMonths={scenario.horizonMonths}
        teamName={team?.name}
      />

      {canAdopt ? (
        <AdoptPlan
          version={stored.version}
          newestVersion={history.newest}
          start={stored.scenario.start}
          horizonMonths={stored.scenario.horizonMonths}
          today={today}
          adoption={adoption}
          result={adopted}
          dirty={dirty}
        />
      ) : null}

      <section className="card section" id="history" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <VersionHistory scenarioId={stored.id} version={stored.version} history={history} dirty={dirty} />
      </section>
    </>
  );
}
