import { actorOf, requireUser, seesSalaries } from "~/services/auth.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SkillProfileChart } from "~/components/charts/skill-profile-chart";
import { Field } from "~/components/ui/field";
import { bandPosition, PROFICIENCY_LABELS, readinessForNextLevel, skillNamer } from "~/domain";
import { engineerSkillsFormSchema } from "~/forms/engineer";
import { formFailure, formText, formValues, parseForm, readVersion } from "~/forms/parse";
import { refusalOf } from "~/services/changes.server";
import { deleteEngineer, getEngineer, setEngineerSkills } from "~/services/engineers.server";
import { listLevels, listSkills } from "~/services/ladder.server";
import { listTeams } from "~/services/teams.server";
import { getDb } from "~/utils/db.server";
import { formatMoney, formatMoneyShort, formatMonth, formatPercent, formatTenure } from "~/utils/format";
import { requireId } from "~/utils/params";
import { PageHeader } from "~/components/ui/page-header";
import { ProficiencySelect } from "~/components/ui/proficiency-select";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.engineer.name ?? "Engineer"} · Teamshape` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const db = await getDb();
  const engineer = await getEngineer(db, { id: requireId(params.engineerId) });
  if (!engineer) throw new Response("Engineer not found", { status: 404 });
  const [levels, skills, teams] = await Promise.all([listLevels(db), listSkills(db), listTeams(db)]);
  const canEdit = seesSalaries(user);
  // Viewers never receive an individual's salary: not on the page, not in the data behind it.
  const shown = { ...engineer, salary: canEdit ? engineer.salary : null };
  return {
    engineer: shown,
    levels,
    skills,
    team: teams.find((t) => t.id === engineer.teamId)?.name ?? "",
    readiness: readinessForNextLevel(levels, engineer.levelId, engineer.skills),
    today: new Date().toISOString(),
    canEdit,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const id = requireId(params.engineerId);
  const db = await getDb();
  const formData = await request.formData();
  const intent = formText(formData, "intent");
  if (intent === "delete") {
    const engineer = await getEngineer(db, { id });
    if (!engineer || !(await deleteEngineer(db, { id, actor: actorOf(user) })))
      throw new Response("Engineer not found", { status: 404 });
    return redirect(`/team?deleted=${encodeURIComponent(engineer.name)}`);
  }
  if (intent === "skills") {
    const skills = await listSkills(db);
    const parsed = parseForm(engineerSkillsFormSchema(skills.map((s) => s.id)), formData);
    if (!parsed.ok) return data({ ...formFailure(parsed.errors, parsed.values), saved: false }, { status: 400 });
    const saved = await setEngineerSkills(db, {
      id,
      skills: parsed.data,
      expectedVersion: readVersion(formData),
      actor: actorOf(user),
    });
    const refused = refusalOf(saved, "Engineer not found");
    if (refused)
      return data({ ...formFailure({ form: refused }, formValues(formData)), saved: false }, { status: 409 });
    return { ...formFailure({}), saved: true };
  }
  throw new Response(`Unknown action "${intent}"`, { status: 400 });
}

const BAND_WORDS = { below: "Below the band", inside: "Inside the band", above: "Above the band" } as const;
const BAND_TONE = { below: "warn", inside: "good", above: "warn" } as const;

export default function EngineerPage() {
  const { engineer, levels, skills, team, readiness, today, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const levelIndex = levels.findIndex((l) => l.id === engineer.levelId);
  const level = levels[levelIndex]!;
  const next = levels[levelIndex + 1] ?? null;
  const salary = engineer.salary;
  const position = salary === null ? null : bandPosition(salary, level.band);
  const span = Math.max(1, level.band.max - level.band.min);
  const marker = salary === null ? null : Math.min(100, Math.max(0, ((salary - level.band.min) / span) * 100));
  const skillName = skillNamer(skills);
  const values = result?.values;

  return (
    <>
      <PageHeader
        title={engineer.name}
        crumbs={[{ to: "/team", label: "Team" }]}
        description={
          <>
            <span className="pill accent">
              {level.id} · {level.title}
            </span>{" "}
            {team ? (
              <>
                in <Link to={`/team?team=${engineer.teamId}`}>{team}</Link>{" "}
              </>
            ) : null}
            since {formatMonth(engineer.startDate)} ({formatTenure(engineer.startDate, new Date(today))} at the company)
            {engineer.leftOn ? (
              <>
                {" "}
                <span className="pill warn">left on {engineer.leftOn}: no longer on the team</span>
              </>
            ) : null}
          </>
        }
        actions={
          canEdit ? (
            <>
              <Link to="edit" className="button button-light">
                Edit details
              </Link>
              <Form
                method="post"
                onSubmit={(event) => {
                  if (!confirm(`Delete ${engineer.name}? Their skills go too. Saved scenarios keep their own copy.`))
                    event.preventDefault();
                }}
              >
                <button type="submit" name="intent" value="delete" className="button button-danger">
                  Delete
                </button>
              </Form>
            </>
          ) : undefined
        }
      />

      {search.get("added") ? <p className="notice">Added {engineer.name}. Set their skills below.</p> : null}
      {search.get("saved") ? <p className="notice">Saved.</p> : null}

      <section className="grid grid-2">
        <div className="card">
          <h2>{salary === null ? `The ${level.id} salary band` : `Salary against the ${level.id} band`}</h2>
          {salary === null || position === null ? (
            <p className="muted">Individual salaries are shown to planners and admins only.</p>
          ) : (
            <p>
              <strong>{formatMoney(salary)}</strong> a year{" "}
              <span className={`pill ${BAND_TONE[position]}`}>{BAND_WORDS[position]}</span>
            </p>
          )}
          <div className="band" aria-hidden="true">
            {marker === null ? null : <span className="band-marker" style={{ left: `${marker}%` }} />}
          </div>
          <div className="band-labels">
            <span>min {formatMoneyShort(level.band.min)}</span>
            <span>mid {formatMoneyShort(level.band.mid)}</span>
            <span>max {formatMoneyShort(level.band.max)}</span>
          </div>
          {engineer.notes ? <p style={{ marginTop: 14 }}>{engineer.notes}</p> : null}
        </div>

        <div className="card">
          <h2>{next ? `Ready for ${next.title}?` : "Top of the ladder"}</h2>
          {!readiness || !next ? (
            <p className="muted">{level.title} is the top level: there is no next level to be ready for.</p>
          ) : (
            <>
              <p>
                <span className={`pill ${readiness.ready ? "good" : "warn"}`}>
                  {readiness.ready ? "Ready" : "Not yet"}
                </span>{" "}
                Meets {readiness.metSkills} of {readiness.expectedSkills} expected skills (
                {formatPercent(readiness.share)}; 80% needed)
                {readiness.pillarsRequired ? `, ${readiness.pillarsMet.length} of 3 senior pillars (2 needed)` : ""}.
              </p>
              {readiness.missing.length > 0 ? (
                <>
                  <h3>Still to grow</h3>
                  <ul className="list-plain">
                    {readiness.missing.map((gap) => (
                      <li key={gap.skill}>
                        <span>{skillName(gap.skill)}</span>
                        <span className="muted">
                          {gap.actual} → {gap.expected} ({PROFICIENCY_LABELS[gap.expected]})
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="muted">Every skill {next.title} expects is met.</p>
              )}
              {readiness.pillarsRequired ? (
                <p className="muted" style={{ marginTop: 8 }}>
                  Senior pillars at 3+:{" "}
                  {readiness.pillarsMet.length > 0 ? readiness.pillarsMet.map(skillName).join(", ") : "none yet"}{" "}
                  (system design, mentoring, technical leadership; two of three are needed).
                </p>
              ) : null}
            </>
          )}
        </div>
      </section>

      <section className="section">
        <SkillProfileChart skills={skills} has={engineer.skills} current={level} next={next} />
      </section>

      <section className="section card">
        <h2>Skills</h2>
        <p className="card-note">0 none · 1 learning · 2 working · 3 can own it · 4 can teach it</p>
        {result?.saved ? <p className="notice">Skills saved.</p> : null}
        {canEdit ? (
          <Form method="post" className="form" style={{ maxWidth: "none" }} noValidate>
            <input type="hidden" name="version" value={engineer.version} />
            {result?.errors.form ? (
              <p className="form-error" role="alert">
                {result.errors.form}
              </p>
            ) : null}
            <div className="skills-grid">
              {skills.map((skill) => (
                <Field
                  key={skill.id}
                  name={`skill.${skill.id}`}
                  label={skill.name}
                  error={result?.errors[`skill.${skill.id}`]}
                >
                  {(props) => (
                    <ProficiencySelect
                      {...props}
                      defaultValue={values?.[`skill.${skill.id}`] ?? String(engineer.skills[skill.id] ?? 0)}
                    />
                  )}
                </Field>
              ))}
            </div>
            <div className="button-row">
              <button type="submit" name="intent" value="skills" className="button">
                Save skills
              </button>
            </div>
          </Form>
        ) : (
          <ul className="expect-list">
            {skills
              .filter((skill) => (engineer.skills[skill.id] ?? 0) > 0)
              .map((skill) => (
                <li key={skill.id} className="pill">
                  {skill.name}: {PROFICIENCY_LABELS[engineer.skills[skill.id] as 0 | 1 | 2 | 3 | 4]}
                </li>
              ))}
          </ul>
        )}
      </section>
    </>
  );
}
