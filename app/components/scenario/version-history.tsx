import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { Form, Link } from "@remix-run/react";
import { createContext, useContext, useMemo } from "react";
import { DataTable } from "~/components/tables/data-table";
import { formatNumber } from "~/utils/format";
import { SCENARIO_VERSIONS_KEPT, SCENARIO_VERSIONS_PER_PAGE } from "~/utils/limits";

/** One kept version, as the page receives it (without its document). */
export interface VersionLine {
  number: number;
  note: string;
  savedAt: string;
  savedBy: string;
}

export interface VersionPage {
  versions: VersionLine[];
  /** Versions kept in all, and the newest one's number (the scenario as it is saved now). */
  total: number;
  newest: number;
  page: number;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, VersionLine>();

// The restore buttons read what they need from context, so the columns stay at module scope.
const HistoryContext = createContext<{ page: string; version: number; newest: number; dirty: boolean } | null>(null);

function RestoreCell({ line }: { line: VersionLine }) {
  const { page, version, newest, dirty } = useContext(HistoryContext)!;
  if (line.number === newest) return <span className="muted">The scenario as saved now</span>;
  return (
    <Form method="post" action={page} preventScrollReset>
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="number" value={line.number} />
      <button
        className="button button-light"
        name="intent"
        value="restore-version"
        disabled={dirty}
        aria-label={`Restore version ${line.number}`}
      >
        Restore this version
      </button>
    </Form>
  );
}

const columns = helper.columns([
  helper.accessor("number", { header: "Version", meta: { numeric: true } }),
  helper.accessor("savedAt", {
    header: "Saved (UTC)",
    cell: (info) => `${info.getValue().slice(0, 10)} ${info.getValue().slice(11, 16)}`,
  }),
  helper.accessor("savedBy", { header: "By", cell: (info) => info.getValue() || "Teamshape" }),
  helper.accessor("note", { header: "What changed", meta: { wrap: true } }),
  helper.display({ id: "restore", header: "Restore", cell: ({ row }) => <RestoreCell line={row.original} /> }),
]);

/**
 * A scenario's kept versions, newest first, a page at a time (pages are addresses, so they work
 * without JavaScript). Restoring makes a new version; history is never rewritten.
 */
export function VersionHistory({
  scenarioId,
  version,
  history,
  dirty,
}: {
  scenarioId: number;
  version: number;
  history: VersionPage;
  dirty: boolean;
}) {
  const page = `/scenarios/${scenarioId}`;
  const context = useMemo(
    () => ({
      page: history.page > 1 ? `${page}?history=${history.page}` : page,
      version,
      newest: history.newest,
      dirty,
    }),
    [page, history.page, history.newest, version, dirty],
  );
  const table = useTable({ features, columns, data: history.versions });
  const pages = Math.max(1, Math.ceil(history.total / SCENARIO_VERSIONS_PER_PAGE));
  return (
    <HistoryContext.Provider value={context}>
      <p className="card-note">
        Every save keeps a version; the newest {formatNumber(SCENARIO_VERSIONS_KEPT)} are kept, older ones are dropped.
        Restoring a version saves it again as the newest, so nothing in this list is ever lost by it.
        {dirty ? " Save or discard your changes to restore a version." : ""}
      </p>
      <DataTable table={table} empty="No versions kept yet: the next save keeps the first." />
      {pages > 1 ? (
        <nav className="button-row" aria-label="History pages" style={{ marginTop: 10 }}>
          {history.page > 1 ? (
            <Link
              className="button button-light"
              to={history.page === 2 ? `${page}#history` : `${page}?history=${history.page - 1}#history`}
              preventScrollReset
            >
              Newer
            </Link>
          ) : null}
          <span className="muted">
            Page {formatNumber(history.page)} of {formatNumber(pages)} ({formatNumber(history.total)} versions kept),
            newest first
          </span>
          {history.page < pages ? (
            <Link className="button button-light" to={`${page}?history=${history.page + 1}#history`} preventScrollReset>
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
    </HistoryContext.Provider>
  );
}
