import { actorOf, requireUser } from "~/services/auth.server";
import { readUpload } from "~/utils/upload.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ImportReview, type ImportReviewData } from "~/components/import-review";
import { PageHeader } from "~/components/ui/page-header";
import { listEveryEngineer } from "~/services/engineers.server";
import { listLevels, listSkills } from "~/services/ladder.server";
import { formText } from "~/forms/parse";
import { importChoicesOf, type ImportChoices } from "~/forms/import-choices";
import type { Skill } from "~/domain";
import type { LadderLevel } from "~/services/ladder.server";
import { ROSTER_COLUMNS } from "~/forms/roster-columns";
import { UPLOAD_LIMITS } from "~/utils/limits";
import { planImportOf } from "~/services/compute.server";
import {
  applyRosterImport,
  importMemory,
  readRosterFile,
  withHeaderRow,
  type ImportPlan,
} from "~/services/roster-import.server";
import { joinableTeams } from "~/services/teams.server";
import { getDb, type DB } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Import the team · Teamshape" }];

const count = (n: number) => n.toLocaleString("en-US");

/** Plans a sheet (sent as JSON text) against the team as it is now, in the compute thread. */
async function plan(
  db: DB,
  sheetText: string,
  header: readonly string[] | undefined,
  choices: ImportChoices | undefined,
  signal: AbortSignal,
) {
  const [engineers, levels, skills, teams, memory] = await Promise.all([
    listEveryEngineer(db),
    listLevels(db),
    listSkills(db),
    joinableTeams(db),
    header ? importMemory(db, header) : importMemory(db, []),
  ]);
  const planned = await planImportOf({ sheetText, engineers, levels, skills, teams, choices, memory }, { signal });
  return { planned, levels, skills };
}

/** What the page needs to review a plan; the sheet goes back with the form. */
function review(
  fileName: string,
  sheetText: string,
  { rows, ignoredColumns: _ignored, ...reading }: ImportPlan,
  ladder: { levels: LadderLevel[]; skills: Skill[] },
  message?: string,
): { stage: "review" } & ImportReviewData & { fileErrors: string[] } {
  return {
    stage: "review" as const,
    fileName,
    sheet: sheetText,
    message,
    ...reading,
    rows: rows.map(({ line, name, action, changes, errors }) => ({ line, name, action, changes, errors })),
    levels: ladder.levels.map((l) => ({ id: l.id, title: l.title })),
    skills: ladder.skills.map((sk) => ({ id: sk.id, name: sk.name })),
  };
}

const uploadError = (message: string) => data({ stage: "upload" as const, message }, { status: 400 });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "planner");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const db = await getDb();
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUpload(request, { maxBytes: UPLOAD_LIMITS.fileBytes });
    if (!upload.ok) {
      return uploadError(
        {
          "too large": `The file is larger than ${UPLOAD_LIMITS.fileBytes / (1024 * 1024)} MB. Split it, or save it as CSV, which is smaller.`,
          unreadable: "The upload could not be read. Choose the file again and retry.",
          missing: "Choose a CSV or Excel (.xlsx) file of the team to import.",
        }[upload.problem],
      );
    }
    const { file } = upload;
    const read = await readRosterFile(new Uint8Array(await file.arrayBuffer()), { signal: request.signal });
    if (!read.ok) return uploadError(read.message);
    const sheetText = JSON.stringify(read.sheet);
    const { planned, ...ladder } = await plan(
      db,
      sheetText,
      withHeaderRow(read.sheet).header,
      undefined,
      request.signal,
    );
    if (!planned.ok) return uploadError(planned.message);
    return data(review(file.name, sheetText, planned.plan, ladder), {
      status: planned.plan.fileErrors.length > 0 ? 400 : 200,
    });
  }

  // A changed choice, or Import: plan again against the team as it is now; Import writes in one transaction.
  const form = await request.formData();
  const sheetText = formText(form, "sheet");
  const fileName = formText(form, "fileName", "the file");
  const [levels, skills] = await Promise.all([listLevels(db), listSkills(db)]);
  const choices = importChoicesOf(form, { skillIds: skills.map((sk) => sk.id), levelIds: levels.map((l) => l.id) });
  const { planned: checked, ...ladder } = await plan(db, sheetText, undefined, choices, request.signal);
  if (!checked.ok) return uploadError(checked.message);
  const planned = checked.plan;
  const rows = form.get("rows");
  const again = (message?: string, status = 400) =>
    data(review(fileName, sheetText, planned, ladder, message), { status });
  if (rows !== "all" && rows !== "valid") return again(undefined, planned.fileErrors.length > 0 ? 400 : 200);
  if (planned.fileErrors.length > 0) return again();
  if (planned.counts.invalid > 0 && rows !== "valid")
    return again(
      `Nothing was imported: ${planned.counts.invalid} row${
        planned.counts.invalid === 1 ? " has" : "s have"
      } problems. Fix them in the file and upload it again, or import only the valid rows.`,
    );
  const marked = planned.leavers.filter((l) => l.marked);
  if (marked.some((l) => l.error))
    return again("Nothing was imported: choose a day they left for each person marked as left, or untick them.");
  if (planned.counts.create + planned.counts.update + marked.length === 0)
    return again("Nothing to import: every valid row already matches the team.");
  const { created, updated, teams, left } = await applyRosterImport(db, planned, { actor: actorOf(user) });
  const said = [`${created} added`, `${updated} updated`];
  if (planned.counts.invalid > 0) said.push(`${planned.counts.invalid} skipped`);
  if (teams > 0) said.push(`${teams} team${teams === 1 ? "" : "s"} created`);
  if (left > 0) said.push(`${left} marked as left`);
  return redirect(`/team?imported=${encodeURIComponent(said.join(", "))}`);
}

export default function ImportTeam() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const reviewing = result?.stage === "review" && result.fileErrors.length === 0 ? result : undefined;
  return (
    <>
      <PageHeader
        title="Import the team"
        crumbs={[{ to: "/team", label: "Team" }]}
        description="Load the team from your HR system's export or a spreadsheet: a CSV or Excel file with one row per person. You check how it is read, and see what will change, before anything is saved."
        actions={
          <Link to="/team/import-template.csv" reloadDocument className="button button-light">
            Download the template
          </Link>
        }
      />
      {reviewing ? <ImportReview review={reviewing} busy={busy} /> : null}

      <Form method="post" encType="multipart/form-data" className="form card section">
        <h2>{reviewing ? "Or upload a different file" : "Upload a file"}</h2>
        {result?.stage === "upload" || (result?.stage === "review" && result.fileErrors.length > 0) ? (
          <p className="form-error" role="alert">
            {result.stage === "upload" ? result.message : result.fileErrors[0]} Nothing was imported.
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="file">Team file (.csv or .xlsx)</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
          <span className="hint">
            Engineers who are not in the file stay as they are. UTF-8 or Excel CSV, separated by commas, semicolons or
            tabs; or the first sheet of an .xlsx workbook. At most {count(UPLOAD_LIMITS.rows)} rows and{" "}
            {count(UPLOAD_LIMITS.columns)} columns, {count(UPLOAD_LIMITS.cellChars)} characters in a cell, and{" "}
            {UPLOAD_LIMITS.fileBytes / (1024 * 1024)} MB.
          </span>
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            Preview the import
          </button>
          <Link to="/team" className="button button-light">
            Cancel
          </Link>
        </div>
      </Form>

      <section className="card section">
        <h2>Columns</h2>
        <p className="card-note">
          Exports from BambooHR, Workday, Rippling, HiBob, Gusto and Personio import as they are: each column is matched
          by its name, in any order, and you can correct the match. The roster download (Team, Download CSV) imports
          back unchanged. A column per skill, named after the skill (&quot;Skill: Testing (0-4)&quot; or just
          &quot;Testing&quot;), sets proficiency from 0 (none) to 4 (can teach it).
        </p>
        <dl className="column-docs">
          {ROSTER_COLUMNS.map((c) => (
            <div key={c.field}>
              <dt>
                {c.label} <span className="muted">(also: {c.aliases.slice(0, 6).join(", ")})</span>
              </dt>
              <dd>{c.help}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
