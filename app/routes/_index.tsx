import { requireUser, seesSalaries } from "~/services/auth.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { HeadcountChart } from "~/components/charts/headcount-chart";
import { MentoringChart } from "~/components/charts/mentoring-chart";
import { NeedsAttention } from "~/components/needs-attention";
import { TeamGlanceTable } from "~/components/tables/team-glance-table";
import { StatCard } from "~/components/ui/stat-card";
import { TeamPicker, WHOLE_ORG } from "~/components/ui/team-picker";
import { getTeamVitals } from "~/services/team.server";
import { getDb } from "~/utils/db.server";
import { formatMoneyShort, formatNumber, formatPercent } from "~/utils/format";
import { PageHeader } from "~/components/ui/page-header";

export const meta: MetaFunction = () => [{ title: "Dashboard · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  // Viewers' money is priced at band midpoints: no arithmetic on it can give anyone's salary.
  const pricedAtBandMidpoints = !seesSalaries(user);
  const team = Number(new URL(request.url).searchParams.get("team"));
  const vitals = await getTeamVitals(await getDb(), {
    atBandMidpoints: pricedAtBandMidpoints,
    teamId: Number.isSafeInteger(team) && team > 0 ? team : undefined,
  });
  // Only what the page shows goes to the browser: money only as the yearly totals.
  const {
    juniors,
    seniors,
    totalHeadcount,
    juniorsPerSenior,
    ratioInBand,
    coverage,
    mentorSupplyHoursPerWeek,
    mentorDemandHoursPerWeek,
    capacity,
    headcount,
  } = vitals.now;
  return {
    engineerCount: vitals.engineerCount,
    levels: vitals.levels.map(({ id, title, class: levelClass }) => ({ id, title, class: levelClass })),
    ratioTarget: vitals.ratioTarget,
    now: {
      juniors,
      seniors,
      totalHeadcount,
      juniorsPerSenior,
      ratioInBand,
      coverage,
      mentorSupplyHoursPerWeek,
      mentorDemandHoursPerWeek,
      capacity,
      headcount,
    },
    annualPayroll: vitals.annualPayroll,
    annualLoadedCost: vitals.annualLoadedCost,
    pricedAtBandMidpoints,
    thinSkills: vitals.thinSkills,
    teams: vitals.teams,
    team: vitals.team,
    readyForPromotion: vitals.readyForPromotion.map(({ engineer, readiness }) => ({
      engineer,
      readiness: { nextLevelId: readiness.nextLevelId, share: readiness.share },
    })),
    // Who is out of band is planners' only: against a published band it says something of their pay.
    attention: { ...vitals.attention, outOfBand: pricedAtBandMidpoints ? null : vitals.attention.outOfBand },
    canEdit: seesSalaries(user),
  };
}

export default function Dashboard() {
  const vitals = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const { now, levels, ratioTarget, team } = vitals;
  const levelTitle = (id: string) => levels.find((l) => l.id === id)?.title ?? id;

  if (vitals.engineerCount === 0) {
    return (
      <>
        <PageHeader
          title="Your team today"
          description="Add your engineers to see cost, ratios, mentoring and skills at a glance."
        />
        <div className="card">
          <p>There are no engineers yet.</p>
          <Link className="button" to="/team/new">
            Add your first engineer
          </Link>
        </div>
      </>
    );
  }

  const [low, high] = ratioTarget;
  const ratio = now.juniorsPerSenior;
  const ratioText = ratio === null ? "No seniors" : formatNumber(ratio, 2);
  const ratioHint =
    ratio === null
      ? `Target ${low}-${high} juniors per senior; nobody senior to lead them.`
      : now.ratioInBand
        ? `Inside the target of ${low}-${high} juniors per senior.`
        : ratio < low
          ? `Below the target of ${low}-${high}: senior-heavy and costly.`
          : `Above the target of ${low}-${high}: seniors are stretched.`;
  const mentoringShort = now.coverage < 1;
  const mentoringHint =
    mentoringShort && now.mentorSupplyHoursPerWeek >= now.mentorDemandHoursPerWeek
      ? `${formatNumber(now.mentorSupplyHoursPerWeek)} h/week offered, ${formatNumber(now.mentorDemandHoursPerWeek)} h needed, but not in the teams that need them`
      : `${formatNumber(now.mentorSupplyHoursPerWeek)} h/week offered, ${formatNumber(now.mentorDemandHoursPerWeek)} h needed`;
  const teamsWithProblems = vitals.teams.filter((team) => team.problem !== null);

  return (
    <>
      <PageHeader
        title={team ? `${team.name} today` : "Your team today"}
        description={`${vitals.engineerCount} engineers${team ? ` in ${team.name}` : ""} at ${vitals.pricedAtBandMidpoints ? "their levels' band midpoints" : "today's salaries"} and skills, as they stand this month.`}
        actions={
          <Link className="button button-light" to={team ? `/team?team=${team.id}` : "/team"}>
            {team ? `See ${team.name}'s people` : "See the team"}
          </Link>
        }
      />

      {vitals.teams.length > 1 ? (
        <Form method="get" className="section button-row picker-row" onChange={(e) => submit(e.currentTarget)}>
          <TeamPicker
            teams={vitals.teams.map((t) => ({ id: String(t.id), name: t.name }))}
            value={team ? String(team.id) : WHOLE_ORG}
            name="team"
          />
          <noscript>
            <button className="button button-light">Show</button>
          </noscript>
          {team ? (
            <span className={team.problem ? "pill warn" : "muted"}>
              {team.problem
                ? `${team.name}: ${team.problem}.`
                : `${team.name} is in its band, with its mentoring covered.`}
            </span>
          ) : null}
        </Form>
      ) : null}

      <section className="grid grid-cards" aria-label="Key figures">
        <StatCard
          label="Headcount"
          value={vitals.engineerCount}
          hint={`${formatNumber(now.juniors)} junior · ${formatNumber(now.totalHeadcount - now.juniors - now.seniors)} mid · ${formatNumber(now.seniors)} senior`}
        />
        <StatCard
          label={
            vitals.pricedAtBandMidpoints ? "Fully-loaded cost a year, at band midpoints" : "Fully-loaded cost a year"
          }
          value={formatMoneyShort(vitals.annualLoadedCost)}
          hint={
            vitals.pricedAtBandMidpoints
              ? `Payroll ${formatMoneyShort(vitals.annualPayroll)} plus overhead, each engineer at their level's band midpoint: viewers see no salaries`
              : `Payroll ${formatMoneyShort(vitals.annualPayroll)} plus overhead`
          }
        />
        <StatCard
          label="Juniors per senior"
          value={ratioText}
          hint={ratioHint}
          tone={now.ratioInBand ? "good" : "warn"}
        />
        <StatCard
          label="Mentoring coverage"
          value={formatPercent(now.coverage)}
          hint={mentoringHint}
          tone={mentoringShort ? "bad" : "good"}
        />
        <StatCard
          label="Capacity"
          value={formatNumber(now.capacity)}
          hint="Mid-level engineer equivalents of work a month, after mentoring time"
        />
        <StatCard
          label="Ready for promotion"
          value={vitals.readyForPromotion.length}
          hint={
            vitals.readyForPromotion.length > 0
              ? "Meet 80%+ of the next level's expectations"
              : "Nobody meets the next level's expectations yet"
          }
        />
      </section>

      <NeedsAttention data={vitals.attention} canEdit={vitals.canEdit} />

      {vitals.teams.length > 1 && !team ? (
        <section className="card section" aria-label="Teams at a glance">
          <h2>Teams at a glance</h2>
          <p className="card-note">
            {teamsWithProblems.length === 0
              ? "Every team is in its band, with its mentoring covered."
              : teamsWithProblems.map((team) => `${team.name}: ${team.problem}.`).join(" ")}
          </p>
          <TeamGlanceTable teams={vitals.teams} />
        </section>
      ) : null}

      <section className="grid grid-2 section">
        <HeadcountChart
          data={levels.map((level) => ({
            id: level.id,
            title: level.title,
            class: level.class,
            count: now.headcount[level.id] ?? 0,
          }))}
          caption="Blue: junior levels; teal: mid; green: senior."
        />
        <MentoringChart
          supply={now.mentorSupplyHoursPerWeek}
          demand={now.mentorDemandHoursPerWeek}
          coverage={now.coverage}
        />
      </section>

      <section className="grid grid-2 section">
        <div className="card" id="thin-skills">
          <h2>Skills with fewer than two owners</h2>
          <p className="card-note">
            An owner works at proficiency 3 (can own it) or more. One owner, or none, is a bus-factor risk.
          </p>
          {vitals.thinSkills.length === 0 ? (
            <p className="empty">Every skill has at least two owners.</p>
          ) : (
            <ul className="list-plain">
              {vitals.thinSkills.map(({ skill, owners }) => (
                <li key={skill.id}>
                  <span>{skill.name}</span>
                  <span className={`pill ${owners === 0 ? "bad" : "warn"}`}>
                    {owners === 0 ? "No owner" : "1 owner"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="card" id="ready-for-promotion">
          <h2>Ready for promotion</h2>
          <p className="card-note">
            Meets at least 80% of the next level&apos;s expected skills (and two senior pillars for a senior level).
          </p>
          {vitals.readyForPromotion.length === 0 ? (
            <p className="empty">Nobody yet.</p>
          ) : (
            <ul className="list-plain">
              {vitals.readyForPromotion.map(({ engineer, readiness }) => (
                <li key={engineer.id}>
                  <Link to={`/team/${engineer.id}`}>{engineer.name}</Link>
                  <span className="muted">
                    {levelTitle(engineer.levelId)} → {levelTitle(readiness.nextLevelId)} ·{" "}
                    {formatPercent(readiness.share)} met
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    </>
  );
}
