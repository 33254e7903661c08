import { requireUser, seesSalaries } from "~/services/auth.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { RosterTable } from "~/components/tables/roster-table";
import { pageOfRoster, readRosterQuery, type RosterRow } from "~/forms/roster-query";
import { bandPosition, OWNER_PROFICIENCY } from "~/domain";
import { listEngineers } from "~/services/engineers.server";
import { listLevels, listSkills } from "~/services/ladder.server";
import { listTeams } from "~/services/teams.server";
import { getDb } from "~/utils/db.server";
import { PageHeader } from "~/components/ui/page-header";

export const meta: MetaFunction = () => [{ title: "Team · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const db = await getDb();
  const [engineers, levels, skills, teams] = await Promise.all([
    listEngineers(db),
    listLevels(db),
    listSkills(db),
    listTeams(db),
  ]);
  const levelById = new Map(levels.map((l) => [l.id, l]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const showSalaries = seesSalaries(user);
  const all: RosterRow[] = engineers.map((e) => {
    const level = levelById.get(e.levelId)!;
    return {
      id: e.id,
      name: e.name,
      levelId: e.levelId,
      levelTitle: level.title,
      levelPosition: level.position,
      teamId: e.teamId,
      teamName: teamName.get(e.teamId) ?? "",
      // Viewers never receive an individual's salary or where it sits in the band.
      salary: showSalaries ? e.salary : null,
      band: showSalaries ? bandPosition(e.salary, level.band) : null,
      startDate: e.startDate,
      notes: e.notes,
      skills: e.skills,
      owned: skills.filter((s) => (e.skills[s.id] ?? 0) >= OWNER_PROFICIENCY).map((s) => s.name),
    };
  });
  // Only the page on screen goes to the browser: search, filters and sort run here, from the URL.
  const query = readRosterQuery(new URL(request.url).searchParams, { salaries: showSalaries, levels, skills, teams });
  const { rows, matched, page, pageCount } = pageOfRoster(all, query);
  return {
    rows,
    matched,
    total: all.length,
    pageCount,
    query: { ...query, page },
    levels: levels.map(({ id, title }) => ({ id, title })),
    teams: teams.map(({ id, name }) => ({ id, name })),
    skills,
    showSalaries,
  };
}

export default function Team() {
  const { rows, matched, total, pageCount, query, levels, teams, skills, showSalaries } =
    useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const deleted = search.get("deleted");
  const imported = search.get("imported");
  return (
    <>
      <PageHeader
        title="Team"
        description={
          showSalaries
            ? "Everyone on the team with their level, salary against the level's band, and the skills they own."
            : "Everyone on the team with their level and the skills they own."
        }
        actions={
          showSalaries ? (
            <>
              <Link to="/team.xlsx" reloadDocument className="button button-light">
                Download XLSX
              </Link>
              <Link to="/team.csv" reloadDocument className="button button-light">
                CSV
              </Link>
              <Link to="/team/import" className="button button-light">
                Import
              </Link>
              <Link to="/team/new" className="button">
                Add engineer
              </Link>
            </>
          ) : undefined
        }
      />
      {deleted ? <p className="notice">Deleted {deleted}.</p> : null}
      {imported ? <p className="notice">Imported the file: {imported}.</p> : null}
      {total === 0 ? (
        <div className="card">
          <p>
            No engineers yet.{" "}
            {showSalaries
              ? "Import your team from your HR system's export or a spreadsheet, or add people one by one."
              : "A planner adds them."}
          </p>
          {showSalaries ? (
            <div className="button-row">
              <Link to="/team/import" className="button">
                Import a file
              </Link>
              <Link to="/team/new" className="button button-light">
                Add engineer
              </Link>
            </div>
          ) : null}
        </div>
      ) : (
        <RosterTable
          rows={rows}
          matched={matched}
          total={total}
          pageCount={pageCount}
          query={query}
          levels={levels}
          teams={teams}
          skills={skills}
          showSalaries={showSalaries}
        />
      )}
    </>
  );
}
