import { actorOf, requireUser } from "~/services/auth.server";
import { readUpload } from "~/utils/upload.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ImportPreviewTable, type PreviewRow } from "~/components/tables/import-preview-table";
import { PageHeader } from "~/components/ui/page-header";
import { listEngineers } from "~/services/engineers.server";
import { listLevels, listSkills } from "~/services/ladder.server";
import { formText } from "~/forms/parse";
import { ROSTER_COLUMNS } from "~/forms/roster-columns";
import { UPLOAD_LIMITS } from "~/utils/limits";
import { planImportOf } from "~/services/compute.server";
import { applyRosterImport, readRosterFile, type ImportPlan } from "~/services/roster-import.server";
import { joinableTeams } from "~/services/teams.server";
import { getDb, type DB } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Import the team · Teamshape" }];

const count = (n: number) => n.toLocaleString("en-US");

/** Plans a sheet (sent as JSON text) against the team as it is now, in the compute thread. */
async function plan(db: DB, sheetText: string, signal: AbortSignal) {
  const [engineers, levels, skills, teams] = await Promise.all([
    listEngineers(db),
    listLevels(db),
    listSkills(db),
    joinableTeams(db),
  ]);
  return planImportOf({ sheetText, engineers, levels, skills, teams }, { signal });
}

/** What the page needs to show a preview; the sheet goes back with the confirm form. */
function preview(fileName: string, sheetText: string, planned: ImportPlan, message?: string) {
  const rows: PreviewRow[] = planned.rows.map(({ line, name, action, changes, errors }) => ({
    line,
    name,
    action,
    changes,
    errors,
  }));
  return {
    stage: "preview" as const,
    fileName,
    sheet: sheetText,
    rows,
    counts: planned.counts,
    ignoredColumns: planned.ignoredColumns,
    fileErrors: planned.fileErrors,
    message,
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
    const planned = await plan(db, sheetText, request.signal);
    if (!planned.ok) return uploadError(planned.message);
    return data(preview(file.name, sheetText, planned.plan), {
      status: planned.plan.fileErrors.length > 0 ? 400 : 200,
    });
  }

  // Confirm: plan again against the team as it is now, and write in one transaction.
  const form = await request.formData();
  const sheetText = formText(form, "sheet");
  const checked = await plan(db, sheetText, request.signal);
  if (!checked.ok) return uploadError(checked.message);
  const planned = checked.plan;
  const fileName = formText(form, "fileName", "the file");
  const onlyValid = form.get("rows") === "valid";
  if (planned.fileErrors.length > 0) return data(preview(fileName, sheetText, planned), { status: 400 });
  if (planned.counts.invalid > 0 && !onlyValid) {
    return data(
      preview(
        fileName,
        sheetText,
        planned,
        `Nothing was imported: ${planned.counts.invalid} row${
          planned.counts.invalid === 1 ? " has" : "s have"
        } problems. Fix them in the file and upload it again, or import only the valid rows.`,
      ),
      { status: 400 },
    );
  }
  if (planned.counts.create + planned.counts.update === 0)
    return data(preview(fileName, sheetText, planned, "Nothing to import: every valid row already matches the team."), {
      status: 400,
    });
  const { created, updated } = await applyRosterImport(db, planned, { actor: actorOf(user) });
  const skipped = planned.counts.invalid > 0 ? `, ${planned.counts.invalid} skipped` : "";
  return redirect(`/team?imported=${encodeURIComponent(`${created} added, ${updated} updated${skipped}`)}`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export default function ImportTeam() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <>
      <PageHeader
        title="Import the team"
        crumbs={[{ to: "/team", label: "Team" }]}
        description="Load the team from a spreadsheet: a CSV or Excel file with one row per engineer. You see what will change before anything is saved."
        actions={
          <Link to="/team/import-template.csv" reloadDocument className="button button-light">
            Download the template
          </Link>
        }
      />
      {result?.stage === "preview" && result.fileErrors.length === 0 ? (
        <section className="card section" aria-label="Preview">
          <h2>What importing {result.fileName} will do</h2>
          {result.message ? (
            <p className="form-error" role="alert">
              {result.message}
            </p>
          ) : null}
          <div className="import-counts">
            <span className="pill good">{plural(result.counts.create, "new engineer")}</span>
            <span className="pill accent">{plural(result.counts.update, "update")}</span>
            <span className="pill">{result.counts.unchanged} unchanged</span>
            {result.counts.invalid > 0 ? (
              <span className="pill bad">{plural(result.counts.invalid, "row")} with problems</span>
            ) : null}
          </div>
          {result.ignoredColumns.length > 0 ? (
            <p className="card-note">Columns not used: {result.ignoredColumns.join(", ")}.</p>
          ) : null}
          <p className="card-note">
            Engineers who are not in the file stay on the team unchanged. Blank cells keep what an engineer already has.
          </p>
          <ImportPreviewTable key={result.sheet} rows={result.rows} />
          <Form method="post" className="button-row" style={{ marginTop: 14 }}>
            <input type="hidden" name="sheet" value={result.sheet} />
            <input type="hidden" name="fileName" value={result.fileName} />
            {result.counts.invalid === 0 ? (
              <button
                className="button"
                name="rows"
                value="all"
                disabled={busy || result.counts.create + result.counts.update === 0}
              >
                Import {plural(result.counts.create + result.counts.update, "row")}
              </button>
            ) : (
              <button
                className="button"
                name="rows"
                value="valid"
                disabled={busy || result.counts.create + result.counts.update === 0}
              >
                Import only the {plural(result.counts.create + result.counts.update, "valid row")}
              </button>
            )}
            <Link to="/team/import" className="button button-light">
              Cancel
            </Link>
          </Form>
        </section>
      ) : null}

      <Form method="post" encType="multipart/form-data" className="form card section">
        <h2>
          {result?.stage === "preview" && result.fileErrors.length === 0
            ? "Or upload a different file"
            : "Upload a file"}
        </h2>
        {result?.stage === "upload" || (result?.stage === "preview" && result.fileErrors.length > 0) ? (
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
          The first row names the columns, in any order; names are matched ignoring case and anything in brackets. The
          roster download (Team, Download CSV) has these columns, so last month&apos;s export imports as it is. A column
          per skill, named after the skill (&quot;Skill: Testing (0-4)&quot; or just &quot;Testing&quot;), sets
          proficiency from 0 (none) to 4 (can teach it).
        </p>
        <dl className="column-docs">
          {ROSTER_COLUMNS.map((c) => (
            <div key={c.field}>
              <dt>
                {c.header}{" "}
                <span className="muted">
                  (also: {c.aliases.filter((a) => a !== c.header.toLowerCase().replace(/\s*\(.*\)$/, "")).join(", ")})
                </span>
              </dt>
              <dd>{c.help}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
