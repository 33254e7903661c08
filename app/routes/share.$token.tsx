import {
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ComparisonReport } from "~/components/report/comparison-report";
import { ScenarioReport } from "~/components/report/scenario-report";
import { comparisonReportData, scenarioReportData, SHARE_LINK_READER } from "~/services/reports.server";
import { getScenario, viewOf } from "~/services/scenarios.server";
import { openShareLink, type ClosedShare } from "~/services/share-links.server";
import { getDb } from "~/utils/db.server";
import { formatDay } from "~/utils/format";
import reportPrint from "~/styles/report-print.css";

/** No cache keeps a shared report, no search engine lists it, and no page it links to learns its address. */
const SHARE_HEADERS = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer" };

export const headers: HeadersFunction = () => SHARE_HEADERS;

/** The page alone: no navigation into the app, for a reader signed in or not (see root.tsx). */
export const handle = { bare: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportPrint }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  {
    title:
      loaded?.state === "open"
        ? `${loaded.kind === "scenario" ? loaded.report.scenario.name : loaded.report.compared.map((c) => c.name).join(" vs ")} · shared report`
        : "Shared report · Teamshape",
  },
  { name: "robots", content: "noindex" },
];

/** A link that does not open says why, and nothing of the report. */
const closed = (share: ClosedShare) =>
  data(
    { state: share.state, expiresOn: share.state === "expired" ? share.expiresOn : null },
    { status: share.state === "unknown" ? 404 : 410, headers: SHARE_HEADERS },
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await getDb();
  const opened = await openShareLink(db, { token: params.token ?? "", userAgent: request.headers.get("User-Agent") });
  if (opened.state !== "open") return closed(opened);
  // Whoever opens it, signed in or not, reads it as a share link's reader: a viewer, and then some.
  const reader = { user: SHARE_LINK_READER, shareLink: true } as const;
  const common = { state: "open" as const, expiresOn: opened.expiresOn };
  if (opened.target.kind === "scenario") {
    const stored = await getScenario(db, { id: opened.target.scenarioId });
    if (!stored) return closed({ state: "gone" });
    const report = await scenarioReportData(db, {
      stored: viewOf(SHARE_LINK_READER, stored),
      reader,
      signal: request.signal,
    });
    return data({ ...common, kind: "scenario" as const, report }, { headers: SHARE_HEADERS });
  }
  const { scenarioIds, baseline } = opened.target;
  const url = new URL(`http://share.invalid/?ids=${scenarioIds.join(",")}&baseline=${baseline}`);
  try {
    const report = await comparisonReportData(db, { url, reader, signal: request.signal });
    return data(
      { ...common, kind: "comparison" as const, report: { ...report, query: "" } },
      { headers: SHARE_HEADERS },
    );
  } catch (error) {
    // Its scenarios changed since and no longer share a month: there is nothing to compare.
    if (error instanceof Response && error.status === 400) return closed({ state: "gone" });
    throw error;
  }
}

const CLOSED_WORDS: Record<ClosedShare["state"], (expiresOn: string | null) => [string, string]> = {
  unknown: () => [
    "This link does not open a report",
    "Check that you copied the whole link. If it still does not work, ask the person who sent it for a new one.",
  ],
  expired: (expiresOn) => [
    "This link has expired",
    `It opened the report until ${expiresOn ? formatDay(new Date(`${expiresOn}T12:00:00Z`)) : "its last day"}. Ask the person who sent it for a new link.`,
  ],
  revoked: () => [
    "This link was revoked",
    "The person who shared it, or an admin, turned it off, so it no longer opens the report. Ask them for a new link if you still need it.",
  ],
  gone: () => [
    "This report is no longer available",
    "The plan it showed was deleted or archived since the link was made. Ask the person who sent it for a new link.",
  ],
};

export default function SharedReport() {
  const loaded = useLoaderData<typeof loader>();
  if (loaded.state !== "open") {
    const [title, text] = CLOSED_WORDS[loaded.state](loaded.expiresOn);
    return (
      <section className="card auth-card">
        <h1>{title}</h1>
        <p>{text}</p>
      </section>
    );
  }
  const notice = (
    <p className="share-notice no-print" role="note">
      A read-only report shared from Teamshape, open until {formatDay(new Date(`${loaded.expiresOn}T12:00:00Z`))}. Money
      is priced at each level&apos;s salary band midpoint, and no one&apos;s pay or name is shown.
    </p>
  );
  return (
    <>
      {notice}
      {loaded.kind === "scenario" ? (
        <ScenarioReport data={loaded.report} back={null} downloads={[]} />
      ) : (
        <ComparisonReport data={loaded.report} back={null} downloads={[]} />
      )}
    </>
  );
}
