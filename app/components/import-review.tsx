import { Form, Link, useSubmit } from "@remix-run/react";
import { ImportColumnsTable, ImportTitlesTable } from "./tables/import-mapping-tables";
import { ImportPreviewTable, type PreviewRow } from "./tables/import-preview-table";
import { LeaversTable } from "./tables/leavers-table";
import { CHOICE_FIELDS, type ImportReading, type LeftOutKind } from "~/forms/import-choices";
import { DAY_ORDER_LABELS, type DayOrder } from "~/utils/import-values";

/** What the import page shows of a planned file (see `ImportPlan`), and what the form sends back. */
export interface ImportReviewData extends Omit<ImportReading, "fileErrors"> {
  fileName: string;
  sheet: string;
  message?: string;
  rows: PreviewRow[];
  levels: { id: string; title: string }[];
  skills: { id: string; name: string }[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const LEFT_OUT_WORDS: Record<LeftOutKind, (n: number) => string> = {
  "outside engineering": (n) => `${plural(n, "person")} outside engineering`.replace("persons", "people"),
  contractor: (n) => plural(n, "contractor"),
  left: (n) => `${plural(n, "person")} who ${n === 1 ? "has" : "have"} left`.replace("persons", "people"),
};

/**
 * The import's review: how each column is read, each job title's level, which rows are left out,
 * how dates and pay are read, and what importing will do, in one form. Changing a choice asks the
 * server for a new preview (at once with JavaScript; with "Update the preview" without).
 */
export function ImportReview({ review, busy }: { review: ImportReviewData; busy: boolean }) {
  const submit = useSubmit();
  const { counts } = review;
  const writes = counts.create + counts.update;
  const leftOutCount = review.leftOut.filter((g) => g.leftOut).reduce((n, g) => n + g.names.length, 0);
  const marked = review.leavers.filter((l) => l.marked).length;
  const said = [
    ...(writes > 0 ? [`${plural(counts.create, "new engineer")} and ${plural(counts.update, "update")}`] : []),
    ...(counts.unchanged > 0 ? [`${counts.unchanged} already match the team`] : []),
    ...(counts.invalid > 0 ? [`${plural(counts.invalid, "row")} with problems`] : []),
    ...(leftOutCount > 0 ? [`${leftOutCount} left out`] : []),
    ...(marked > 0 ? [`${marked} marked as left`] : []),
  ].join("; ");
  const answer = writes + marked > 0 ? `${said}.` : `Nothing to import yet${said ? `: ${said}` : ""}.`;
  return (
    <Form
      method="post"
      className={busy ? "loading" : undefined}
      onChange={(event) => submit(event.currentTarget, { method: "post", preventScrollReset: true })}
    >
      <input type="hidden" name="sheet" value={review.sheet} />
      <input type="hidden" name="fileName" value={review.fileName} />
      <input type="hidden" name={CHOICE_FIELDS.sent} value="1" />

      <section className="card section" aria-labelledby="import-summary">
        <h2 id="import-summary">Importing {review.fileName}</h2>
        <p className="import-answer">{answer}</p>
        {review.message ? (
          <p className="form-error" role="alert">
            {review.message}
          </p>
        ) : null}
        <p className="card-note">
          Check the four steps below; each change updates the preview. Nothing is saved until you press Import.
          {review.headerLine > 1
            ? ` The column names are on line ${review.headerLine}; the lines above are skipped.`
            : ""}
        </p>
      </section>

      <section className="card section" aria-labelledby="import-columns">
        <h2 id="import-columns">1. Columns</h2>
        <p className="card-note">
          {review.columnsRemembered
            ? "Read as you chose for the last file with these columns."
            : "Matched by their names. Correct any that are wrong."}
        </p>
        <ImportColumnsTable columns={review.columns} skills={review.skills} />
      </section>

      {review.titles.length > 0 ? (
        <section className="card section" aria-labelledby="import-titles">
          <h2 id="import-titles">2. Job titles and levels</h2>
          <p className="card-note">
            Each job title is read as a level of your ladder. Teamshape keeps these for the next import; you can change
            them later on the Ladder page.
          </p>
          <ImportTitlesTable titles={review.titles} levels={review.levels} />
        </section>
      ) : null}

      <section className="card section" aria-labelledby="import-rows">
        <h2 id="import-rows">3. Which rows</h2>
        {review.leftOut.length === 0 && review.examples === 0 ? (
          <p className="card-note">Every row is an engineer who works here: all are imported.</p>
        ) : (
          <ul className="list-plain">
            {review.leftOut.map((group) => (
              <li key={group.kind}>
                <label className="checkbox-label">
                  <input type="checkbox" name={CHOICE_FIELDS.leaveOut(group.kind)} defaultChecked={group.leftOut} />
                  Leave out {LEFT_OUT_WORDS[group.kind](group.names.length)}
                </label>
                <span className="muted">
                  {group.kind === "outside engineering" ? group.groups.join(", ") : group.names.slice(0, 6).join(", ")}
                  {group.kind !== "outside engineering" && group.names.length > 6 ? "…" : ""}
                </span>
              </li>
            ))}
            {review.examples > 0 ? (
              <li>
                <span>{plural(review.examples, "example row")} from Teamshape&apos;s template: never imported.</span>
              </li>
            ) : null}
          </ul>
        )}
      </section>

      <section className="card section" aria-labelledby="import-values">
        <h2 id="import-values">4. Dates, pay and teams</h2>
        <ul className="list-plain">
          {review.dates && review.dates.decidedBy !== "none" ? (
            <li>
              <span>Start dates: {review.dates.description}</span>
              <select
                name={CHOICE_FIELDS.dayOrder}
                defaultValue={review.dates.order}
                aria-label="How dates such as 03/04/2019 are read"
              >
                {(Object.keys(DAY_ORDER_LABELS) as DayOrder[]).map((order) => (
                  <option key={order} value={order}>
                    {DAY_ORDER_LABELS[order]}
                  </option>
                ))}
              </select>
            </li>
          ) : null}
          {review.notes
            .filter((note) => !note.startsWith("Start dates:"))
            .map((note) => (
              <li key={note}>
                <span>{note}</span>
              </li>
            ))}
          {review.periodPay > 0 ? (
            <li>
              <label className="checkbox-label">
                <input type="checkbox" name={CHOICE_FIELDS.convertPay} defaultChecked={review.convertPay} />
                Turn hourly and monthly pay into a year&apos;s ({plural(review.periodPay, "row")}): an hour × 2,080, a
                month × 12
              </label>
            </li>
          ) : null}
          {review.newTeams.length > 0 ? (
            <li>
              <label className="checkbox-label">
                <input type="checkbox" name={CHOICE_FIELDS.createTeams} defaultChecked={review.createTeams} />
                Create {plural(review.newTeams.length, "new team")}: {review.newTeams.join(", ")}
              </label>
            </li>
          ) : (
            <input type="hidden" name={CHOICE_FIELDS.createTeams} value={review.createTeams ? "on" : ""} />
          )}
          {!review.dates && review.notes.length === 0 && review.periodPay === 0 && review.newTeams.length === 0 ? (
            <li>
              <span className="muted">Nothing to decide: dates, pay and teams read as written.</span>
            </li>
          ) : null}
        </ul>
      </section>

      {review.leavers.length > 0 ? (
        <section className="card section" aria-labelledby="import-leavers">
          <h2 id="import-leavers">5. People who may have left</h2>
          <p className="card-note">
            {review.leavers.filter((l) => l.reason === "left").length > 0
              ? "The file says some people on the team have left: they are marked, on the day it gives. "
              : ""}
            {review.leavers.some((l) => l.reason === "missing")
              ? `${review.leavers.filter((l) => l.reason === "missing").length} on the team are not in the file: they stay unless you mark them. `
              : ""}
            Someone marked as left is off the team from that day, and kept for the record.
          </p>
          <LeaversTable leavers={review.leavers} />
        </section>
      ) : null}

      <section className="card section" aria-labelledby="import-preview">
        <h2 id="import-preview">What importing will do</h2>
        <div className="import-counts">
          <span className="pill good">{plural(counts.create, "new engineer")}</span>
          <span className="pill accent">{plural(counts.update, "update")}</span>
          <span className="pill">{counts.unchanged} unchanged</span>
          {counts.invalid > 0 ? <span className="pill bad">{plural(counts.invalid, "row")} with problems</span> : null}
        </div>
        <p className="card-note">
          Engineers who are not in the file stay on the team unchanged. Blank cells keep what an engineer already has.
        </p>
        <ImportPreviewTable key={`${review.sheet.length}:${counts.invalid}`} rows={review.rows} />
        <div className="button-row" style={{ marginTop: 14 }}>
          <button
            className="button"
            name="rows"
            value={counts.invalid === 0 ? "all" : "valid"}
            disabled={busy || writes + marked === 0}
          >
            {counts.invalid === 0
              ? `Import ${plural(writes, "row")}`
              : `Import only the ${plural(writes, "valid row")}`}
          </button>
          <button className="button button-light" name="rows" value="preview" disabled={busy}>
            Update the preview
          </button>
          <Link to="/team/import" className="button button-light">
            Cancel
          </Link>
        </div>
      </section>
    </Form>
  );
}
