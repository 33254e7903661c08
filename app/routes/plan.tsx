import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PlanCapacityChart, PlanCostChart, PlanHeadcountChart } from "~/components/charts/plan-charts";
import { BAND_MIDPOINT_NOTE } from "~/components/report/report-parts";
import {
  HeadcountGroupTable,
  PlanLeaversTable,
  PlannedHiresTable,
  UnplannedJoinersTable,
  VarianceMonthTable,
  peopleDifference,
} from "~/components/tables/plan-tables";
import { PageHeader } from "~/components/ui/page-header";
import { StatCard } from "~/components/ui/stat-card";
import { formText } from "~/forms/parse";
import { actorOf, allows, requireUser } from "~/services/auth.server";
import { loadPlanVsActual, reforecast, type PlanVsActual } from "~/services/variance.server";
import { getDb } from "~/utils/db.server";
import { formatMoneyShort, formatMonth, formatNumber, formatPeople, formatShortDay } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Plan vs actual · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const view = await loadPlanVsActual(await getDb(), user, { signal: request.signal });
  return { view, canReforecast: allows(user.role, "planner"), canAdopt: user.role === "admin" };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const form = await request.formData();
  const intent = formText(form, "intent");
  if (intent !== "reforecast") return data({ message: `Unknown action "${intent}".` }, { status: 400 });
  const made = await reforecast(await getDb(), { actor: actorOf(user) });
  if (!made.ok) return data({ message: made.message }, { status: 409 });
  return redirect(`/scenarios/${made.id}`);
}

/** "3 of 4 hires ... have started; one Senior Engineer left unplanned ...; cost is $38k under plan." */
function sentenceOf(words: string[]): string {
  const joined = words.join("; ");
  return joined === "" ? "" : `${joined[0]!.toUpperCase()}${joined.slice(1)}.`;
}

export default function PlanRoute() {
  const { view, canReforecast, canAdopt } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Plan vs actual"
        description={
          view
            ? `Plan of record: ${view.plan.scenarioName}, version ${view.plan.versionNumber}, adopted from ${formatShortDay(view.plan.adoptedFrom)} by ${view.plan.adoptedBy}.${view.plan.note ? ` “${view.plan.note}”` : ""}`
            : "Are we on plan? The plan of record against what actually happened."
        }
        actions={
          view?.plan.scenarioId != null ? (
            <Link className="button button-light" to={`/scenarios/${view.plan.scenarioId}`}>
              Open the scenario
            </Link>
          ) : null
        }
      />
      {view ? <PlanVsActualPage view={view} canReforecast={canReforecast} canAdopt={canAdopt} /> : <NoPlan />}
    </>
  );
}

function NoPlan() {
  return (
    <section className="card" aria-labelledby="no-plan-title">
      <h2 id="no-plan-title">No plan of record yet</h2>
      <p>
        A plan of record is a saved scenario the team is held to, from a day an admin chooses. Once there is one, this
        page shows month by month which planned hires have started, who left that the plan did not expect, and what that
        does to cost and capacity.
      </p>
      <p>
        An admin adopts one on a scenario&apos;s page, with <strong>Adopt as the plan of record</strong>.
      </p>
      <p>
        <Link to="/scenarios">Go to the scenarios</Link>
      </p>
    </section>
  );
}

function PlanVsActualPage({
  view,
  canReforecast,
  canAdopt,
}: {
  view: PlanVsActual;
  canReforecast: boolean;
  canAdopt: boolean;
}) {
  const { plan, variance, newerVersions } = view;
  const months = variance.months;
  const withTeams = plan.teams.length > 0;
  return (
    <>
      {newerVersions.length > 0 ? (
        <p className="card warnings" role="note">
          The scenario has {newerVersions.length === 1 ? "one change" : `${newerVersions.length} changes`} since version{" "}
          {plan.versionNumber} was adopted:{" "}
          {newerVersions
            .map((v) => `version ${v.number} (${v.note || `saved by ${v.savedBy} on ${formatShortDay(v.savedAt)}`})`)
            .join("; ")}
          . Adopt again to hold the team to {newerVersions.length === 1 ? "it" : "them"}.
          {canAdopt && plan.scenarioId !== null ? (
            <>
              {" "}
              <Link to={`/scenarios/${plan.scenarioId}#adopt-plan`}>Adopt the newest version</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {view.pricedAtBandMidpoints ? <p className="muted">{BAND_MIDPOINT_NOTE}</p> : null}

      {months.length === 0 ? (
        <section className="card" aria-labelledby="not-yet-title">
          <h2 id="not-yet-title">Nothing to compare yet</h2>
          <p>
            The plan counts from {formatShortDay(plan.adoptedFrom)}: nothing to compare yet. This page fills in from
            that month on, as the roster changes.
          </p>
        </section>
      ) : (
        <Comparison view={view} withTeams={withTeams} />
      )}

      {canReforecast ? <Reforecast /> : null}
      <p className="muted section">
        Read from the roster&apos;s dated snapshots (one at every edit and import, and one a month)
        {view.latestSnapshot ? `, the latest on ${formatShortDay(view.latestSnapshot)}` : ""}. Actual capacity counts
        ramp-up and mentoring time but not interviews, so it can read a little high while many searches are open.
      </p>
    </>
  );
}

function Comparison({ view, withTeams }: { view: PlanVsActual; withTeams: boolean }) {
  const { plan, variance } = view;
  const months = variance.months;
  const lastMonth = months.at(-1)!;
  const by = formatMonth(lastMonth.month);
  const due = variance.hires.filter((h) => h.plannedMonth <= lastMonth.month);
  const made = due.filter((h) => h.person?.started).length;
  const overdue = due.length - made;
  const early = variance.hires.filter((h) => h.plannedMonth > lastMonth.month && h.person?.started).length;
  const unplannedLeavers = variance.leavers.filter((l) => !l.planned).length;
  const { planned, actual } = variance.toDate;
  const costGap = actual.totalCost - planned.totalCost;
  const onPlan = overdue === 0 && unplannedLeavers === 0 && variance.unplannedJoiners.length === 0;
  const money = view.pricedAtBandMidpoints ? ", at band midpoints" : "";
  const levelLines = plan.levels
    .map((l) => ({
      id: l.id,
      name: l.title,
      planned: lastMonth.planned.byLevel[l.id] ?? 0,
      actual: lastMonth.actual.byLevel[l.id] ?? 0,
    }))
    .filter((l) => l.planned >= 0.05 || l.actual > 0);
  const teamLines = plan.teams.map((t) => ({
    id: t.id,
    name: t.name,
    planned: lastMonth.planned.byTeam[t.id] ?? 0,
    actual: lastMonth.actual.byTeam[t.id] ?? 0,
  }));
  return (
    <>
      <p className={`plan-answer ${onPlan ? "good" : "warn"}`} data-testid="variance-answer">
        {sentenceOf(variance.words)}
      </p>
      <p className="muted">
        From {formatShortDay(plan.adoptedFrom)} to today, {formatShortDay(view.asOf)}: {months.length} month
        {months.length === 1 ? "" : "s"} of the plan&apos;s {plan.horizonMonths}.
      </p>

      <section className="grid grid-cards section" aria-label="Key figures">
        <StatCard
          label="Planned hires made"
          value={`${made} of ${due.length}`}
          hint={[
            due.length === 0 ? `none was due by ${by}` : `due by ${by}`,
            overdue > 0 ? `${overdue} not started yet` : "",
            early > 0 ? `${early} planned for later started early` : "",
          ]
            .filter(Boolean)
            .join("; ")}
          tone={overdue > 0 ? "warn" : "good"}
        />
        <StatCard
          label="People now"
          value={formatNumber(actual.headcount)}
          hint={`plan: ${formatPeople(planned.headcount)} (${peopleDifference(actual.headcount, planned.headcount)})`}
        />
        <StatCard
          label={`Cost to date${money}`}
          value={formatMoneyShort(actual.totalCost)}
          hint={`plan: ${formatMoneyShort(planned.totalCost)}, so ${
            Math.abs(costGap) < 1000
              ? "on plan"
              : `${formatMoneyShort(Math.abs(costGap))} ${costGap < 0 ? "under" : "over"} plan`
          }`}
          tone={costGap > 1000 ? "warn" : "good"}
        />
        <StatCard
          label="Capacity now"
          value={formatNumber(actual.capacity)}
          hint={`plan: ${formatNumber(planned.capacity)} mid-level engineers' work a month`}
          tone={actual.capacity + 0.05 < planned.capacity ? "warn" : "good"}
        />
        <StatCard
          label="Leavers"
          value={variance.leavers.length}
          hint={`${unplannedLeavers === 0 ? "none" : unplannedLeavers} not in the plan; it expected about ${formatNumber(variance.expectedAttrition)} to leave by now`}
          tone={unplannedLeavers > Math.ceil(variance.expectedAttrition) ? "warn" : undefined}
        />
      </section>

      <section className="grid grid-2 section" aria-label="Charts">
        <PlanHeadcountChart months={months} />
        <PlanCostChart months={months} />
        <PlanCapacityChart months={months} />
      </section>

      <section className="card section" aria-labelledby="hires-title">
        <h2 id="hires-title">Planned hires</h2>
        <p className="card-note">
          Each hire the plan holds from {formatShortDay(plan.adoptedFrom)}, matched in order to the people who joined at
          its level{withTeams ? " and team" : ""}: the earliest planned hire takes the earliest joiner.
        </p>
        <PlannedHiresTable hires={variance.hires} withTeams={withTeams} />
      </section>

      <section className="grid grid-2 section">
        <div className="card">
          <h2>Leavers</h2>
          <p className="card-note">
            Everyone who left since the plan was adopted; a leaver is planned when the plan has their departure.
          </p>
          <PlanLeaversTable leavers={variance.leavers} withTeams={withTeams} />
        </div>
        <div className="card">
          <h2>Joined, not in the plan</h2>
          <p className="card-note">
            People who started with no planned hire at their level{withTeams ? " and team" : ""} left to fill.
          </p>
          <UnplannedJoinersTable joiners={variance.unplannedJoiners} withTeams={withTeams} />
        </div>
      </section>

      <section className="grid grid-2 section">
        <div className="card">
          <h2>People by level, {by}</h2>
          <p className="card-note">The plan&apos;s expected people, in whole people, against who is on the team.</p>
          <HeadcountGroupTable lines={levelLines} noun="Level" />
        </div>
        {withTeams ? (
          <div className="card">
            <h2>People by team, {by}</h2>
            <p className="card-note">The plan&apos;s expected people, in whole people, against who is on the team.</p>
            <HeadcountGroupTable lines={teamLines} noun="Team" />
          </div>
        ) : null}
      </section>

      <section className="card section" aria-labelledby="months-title">
        <h2 id="months-title">Month by month</h2>
        <p className="card-note">
          People at each month&apos;s end (today for this month); cost{money} is fully-loaded pay plus recruiting fees
          in the month.
        </p>
        <VarianceMonthTable months={months} />
      </section>
    </>
  );
}

function Reforecast() {
  const refused = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <section className="card section" aria-labelledby="reforecast-title">
      <h2 id="reforecast-title">Re-forecast</h2>
      <p className="card-note">
        A new scenario from today&apos;s roster with the rest of this plan: the hires not made yet (those already due
        from this month) and everything still ahead, to the plan&apos;s end. The plan of record stays as it is.
      </p>
      <Form method="post" className="button-row">
        <button className="button" name="intent" value="reforecast" disabled={navigation.state !== "idle"}>
          Re-forecast from today&apos;s roster
        </button>
        {refused ? (
          <p className="form-error" role="alert">
            {refused.message}
          </p>
        ) : null}
      </Form>
    </section>
  );
}
