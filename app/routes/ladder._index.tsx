import { actorOf, requireUser, seesSalaries, type User } from "~/services/auth.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { BandsPanel } from "~/components/band-fit";
import { SOURCE_WORDS } from "~/components/tables/band-tables";
import { TitleLevelsTable } from "~/components/tables/title-levels-table";
import {
  BAND_FIT_FIELDS,
  BAND_FIT_INTENT,
  bandFitFormFields,
  readBandFitForm,
  readBandFitMethod,
} from "~/forms/band-fit";
import { CHOICE_FIELDS } from "~/forms/import-choices";
import { formText, parseForm } from "~/forms/parse";
import { HIRING_INTENT, hiringSettingsSchema } from "~/forms/workspace";
import { HiringCard } from "~/components/ladder/hiring-card";
import { getHiringSettings, setHiringSettings } from "~/services/hiring.server";
import { listEngineers } from "~/services/engineers.server";
import { SkillMatrix } from "~/components/tables/skill-matrix";
import { BAND_FIT_METHOD_WORDS, PROFICIENCY_LABELS, skillNamer } from "~/domain";
import { getLadderBands, setBandsFromTeam, type BandsSaved } from "~/services/bands.server";
import { listLevels, listSkills, listTitleLevels, saveTitleLevels } from "~/services/ladder.server";
import { getDb } from "~/utils/db.server";
import { formatMoneyShort, formatNumber, formatPercent } from "~/utils/format";
import { PageHeader } from "~/components/ui/page-header";

export const meta: MetaFunction = () => [{ title: "Career ladder · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const db = await getDb();
  const [levels, skills, titleLevels, engineers, hiring] = await Promise.all([
    listLevels(db),
    listSkills(db),
    listTitleLevels(db),
    listEngineers(db),
    getHiringSettings(db),
  ]);
  const people = new Map<string, number>();
  for (const e of engineers)
    if (e.jobTitle) people.set(e.jobTitle.toLowerCase(), (people.get(e.jobTitle.toLowerCase()) ?? 0) + 1);
  const titles = titleLevels.map(({ key, title, levelId, updatedBy }) => ({
    key,
    title,
    levelId,
    updatedBy,
    people: people.get(title.toLowerCase()) ?? 0,
  }));
  // Planners only: where people's pay sits against the bands, and the bands fitted to it.
  const bands = seesSalaries(user)
    ? await getLadderBands(db, { method: readBandFitMethod(new URL(request.url).searchParams) })
    : null;
  return {
    levels,
    skills,
    titles,
    hiring,
    canEdit: user.role !== "viewer",
    bands: bands && {
      levels: bands.levels,
      outOfBand: bands.outOfBand,
      proposal: bands.proposal,
      saveFields: bands.proposal ? bandFitFormFields(bands.proposal, bands.versions) : null,
    },
  };
}

const listed = (ids: string[]) => (ids.length > 1 ? `${ids.slice(0, -1).join(", ")} and ${ids.at(-1)}` : ids[0]!);

/** "the bands of L1, L2 and L3 from your team's salaries (lowest / median / highest); L5 keeps its band" */
function savedWords(saved: Extract<BandsSaved, { ok: true }>, method: keyof typeof BAND_FIT_METHOD_WORDS): string {
  if (saved.set.length === 0) return "no band: no level has enough engineers to set one from";
  const kept = saved.kept.map((l) => l.id);
  return `the ${saved.set.length === 1 ? "band" : "bands"} of ${listed(saved.set.map((l) => l.id))} from your team's salaries (${BAND_FIT_METHOD_WORDS[method]})${kept.length > 0 ? `; ${listed(kept)} ${kept.length === 1 ? "keeps its band" : "keep their bands"}` : ""}`;
}

async function saveBandsFromTeam(form: FormData, user: User) {
  const asked = readBandFitForm(form);
  if (!asked) return data({ bandsError: "That form could not be read: preview the bands again." }, { status: 400 });
  const saved = await setBandsFromTeam(await getDb(), { ...asked, actor: actorOf(user) });
  if (!saved.ok)
    return data(
      {
        bandsError:
          "The team or the ladder changed after this preview, so nothing was saved. This is the proposal as it stands now: look it over and save again.",
      },
      { status: 409 },
    );
  return redirect(`/ladder?saved=${encodeURIComponent(savedWords(saved, asked.method))}#bands`);
}

async function saveHiringSettings(form: FormData, user: User) {
  const parsed = parseForm(hiringSettingsSchema, form);
  if (!parsed.ok) return data({ hiringErrors: parsed.errors, hiringValues: parsed.values }, { status: 400 });
  await setHiringSettings(await getDb(), { settings: parsed.data, actor: actorOf(user) });
  return redirect(`/ladder?saved=${encodeURIComponent("the recruiters and first-year attrition")}#hiring`);
}

/**
 * Saves the job titles' levels, for the next import; or, from the bands' preview, the bands fitted
 * to the team; or the recruiters card.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const form = await request.formData();
  if (form.get(BAND_FIT_FIELDS.intent) === BAND_FIT_INTENT) return saveBandsFromTeam(form, user);
  if (form.get("intent") === HIRING_INTENT) return saveHiringSettings(form, user);
  const levels: Record<string, string> = {};
  for (let i = 0; i < 10_000; i++) {
    const key = form.get(CHOICE_FIELDS.titleKey(i));
    if (typeof key !== "string") break;
    levels[key] = formText(form, CHOICE_FIELDS.titleLevel(i));
  }
  const { changed } = await saveTitleLevels(await getDb(), { levels, actor: actorOf(user) });
  return redirect(`/ladder?saved=${encodeURIComponent(`${changed} job title${changed === 1 ? "" : "s"}`)}#job-titles`);
}

const CLASS_WORDS = { junior: "Junior", mid: "Mid-level", senior: "Senior" } as const;

/** "3 months to fill; 100 interview hours a hire" */
function hiringFact({ timeToFillMonths, interviewHours }: { timeToFillMonths: number; interviewHours: number }) {
  if (timeToFillMonths === 0 && interviewHours === 0) return "none set: a hire starts at no cost to the team";
  const months =
    timeToFillMonths === 0 ? "filled at once" : `${timeToFillMonths} month${timeToFillMonths === 1 ? "" : "s"} to fill`;
  return `${months}; ${formatNumber(interviewHours)} interview hours a hire`;
}

export default function Ladder() {
  const { levels, skills, titles, hiring, canEdit, bands } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const skillName = skillNamer(skills);
  return (
    <>
      <PageHeader
        title="Career ladder"
        description="What is expected at each level here: the scope of the role, the salary band, and the skills someone at that level works at. Skills are rated 0 (none) to 4 (can teach it); a promotion needs 80% of the next level's skills, and senior levels two of three pillars: system design, mentoring and technical leadership."
      />
      {search.get("saved") ? <p className="notice">Saved {search.get("saved")}.</p> : null}
      {bands ? (
        <BandsPanel bands={bands} error={result && "bandsError" in result ? result.bandsError : undefined} />
      ) : null}

      <HiringCard
        hiring={hiring}
        canEdit={canEdit}
        errors={result && "hiringErrors" in result ? result.hiringErrors : undefined}
        values={result && "hiringValues" in result ? result.hiringValues : undefined}
      />

      <section className="ladder" aria-label="Levels">
        {[...levels].reverse().map((level) => {
          const byProficiency = [4, 3, 2, 1].map((p) => ({
            p,
            skills: Object.entries(level.expectations)
              .filter(([, e]) => e === p)
              .map(([id]) => skillName(id)),
          }));
          return (
            <article key={level.id} className="card level-card" id={level.id} aria-labelledby={`level-${level.id}`}>
              <div>
                <p className="level-badge">{level.id}</p>
                <span className="pill">{CLASS_WORDS[level.class]}</span>
              </div>
              <div>
                <div className="page-header" style={{ marginBottom: 6 }}>
                  <h2 id={`level-${level.id}`}>
                    {level.title} {level.years ? <span className="muted">· {level.years} years</span> : null}
                  </h2>
                  {canEdit ? (
                    <Link
                      to={`/ladder/${level.id}/edit`}
                      className="button button-light"
                      aria-label={`Edit ${level.title}`}
                    >
                      Edit
                    </Link>
                  ) : null}
                </div>
                {level.summary ? <p>{level.summary}</p> : null}
                <dl className="facts">
                  <div>
                    <dt>Salary band</dt>
                    <dd>
                      {formatMoneyShort(level.band.min)} – {formatMoneyShort(level.band.max)}{" "}
                      <span className="muted">
                        (mid {formatMoneyShort(level.band.mid)}) · {SOURCE_WORDS[level.bandSource].toLowerCase()}
                      </span>
                    </dd>
                  </div>
                  <div>
                    <dt>Output</dt>
                    <dd>{level.output}× a mid-level engineer</dd>
                  </div>
                  <div>
                    <dt>Ramp-up</dt>
                    <dd>{level.rampMonths} months</dd>
                  </div>
                  <div>
                    <dt>Attrition / promotion a year</dt>
                    <dd>
                      {formatPercent(level.annualAttrition)} / {formatPercent(level.annualPromotion)}
                    </dd>
                  </div>
                  <div>
                    <dt>Mentoring</dt>
                    <dd>
                      {level.mentorHours > 0
                        ? `gives ${level.mentorHours} h/week`
                        : level.menteeHours > 0
                          ? `needs ${level.menteeHours} h/week`
                          : "none"}
                    </dd>
                  </div>
                  <div>
                    <dt>Hiring</dt>
                    <dd>{hiringFact(level)}</dd>
                  </div>
                </dl>
                <h3>Expected skills</h3>
                {byProficiency.every((g) => g.skills.length === 0) ? (
                  <p className="muted">No skill expectations set.</p>
                ) : (
                  byProficiency
                    .filter((g) => g.skills.length > 0)
                    .map((g) => (
                      <p key={g.p} style={{ margin: "4px 0" }}>
                        <span className="muted">
                          {PROFICIENCY_LABELS[g.p]} ({g.p}):
                        </span>{" "}
                        {g.skills.join(", ")}
                      </p>
                    ))
                )}
              </div>
            </article>
          );
        })}
      </section>

      <section className="section" id="job-titles" aria-labelledby="job-titles-heading">
        <h2 id="job-titles-heading">Job titles</h2>
        <p className="muted">
          The level each job title from your HR system means. Imports fill this in and read it the next time; change a
          level here, or forget a title so that the next import suggests one again.
        </p>
        <Form method="post">
          <TitleLevelsTable titles={titles} levels={levels} editable={canEdit && titles.length > 0} />
          {canEdit && titles.length > 0 ? (
            <div className="button-row" style={{ marginTop: 12 }}>
              <button type="submit" className="button">
                Save the job titles
              </button>
            </div>
          ) : null}
        </Form>
      </section>

      <section className="section">
        <h2>Skills by level</h2>
        <p className="muted">The proficiency each level expects; a dash means no expectation.</p>
        <SkillMatrix levels={levels} skills={skills} />
      </section>
    </>
  );
}
