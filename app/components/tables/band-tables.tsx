import { Link } from "@remix-run/react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { formatMoney, formatMoneyShort } from "~/utils/format";
import { DataTable } from "./data-table";

interface Band {
  min: number;
  mid: number;
  max: number;
}
interface Counts {
  below: number;
  inside: number;
  above: number;
}

/** A level's band against its engineers' pay. */
export interface BandCountsRow {
  id: string;
  title: string;
  band: Band;
  bandSource: "default" | "team" | "manual";
  people: number;
  counts: Counts;
}

/** A level in the proposal: its band now and the one fitted to its people (null: it keeps its own). */
export interface BandPreviewRow {
  id: string;
  title: string;
  people: number;
  current: Band;
  proposed: Band | null;
  step: number | null;
  kept: null | "no engineers" | "too few";
  now: Counts;
  after: Counts;
}

export const SOURCE_WORDS: Record<BandCountsRow["bandSource"], string> = {
  default: "Starting band",
  team: "Your team's pay",
  manual: "Typed in",
};

/** "$115k – $132k, mid $122k", as the level cards write a band. */
export function bandWords(band: Band): string {
  return `${formatMoneyShort(band.min)} – ${formatMoneyShort(band.max)}, mid ${formatMoneyShort(band.mid)}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A level, linked to the roster of its people. */
function LevelLink({ level }: { level: { id: string; title: string } }) {
  return (
    <Link to={`/team?level=${level.id}`}>
      {level.id} {level.title}
    </Link>
  );
}

function outCell(counts: Counts, { goodWhenNone = false } = {}): ReactNode {
  const out = counts.below + counts.above;
  if (out === 0) return <span className={goodWhenNone ? "pill good" : "muted"}>none</span>;
  const parts = [counts.above > 0 ? `${counts.above} above` : null, counts.below > 0 ? `${counts.below} below` : null];
  return <span className="pill bad">{parts.filter(Boolean).join(", ")}</span>;
}

const countsFeatures = tableFeatures({});
const countsHelper = createColumnHelper<typeof countsFeatures, BandCountsRow>();
const countsColumns = countsHelper.columns([
  countsHelper.display({ id: "level", header: "Level", cell: ({ row }) => <LevelLink level={row.original} /> }),
  countsHelper.display({ id: "band", header: "Band", cell: ({ row }) => bandWords(row.original.band) }),
  countsHelper.accessor("bandSource", { header: "Set from", cell: (info) => SOURCE_WORDS[info.getValue()] }),
  countsHelper.accessor("people", { header: "People", meta: { numeric: true } }),
  countsHelper.display({
    id: "below",
    header: "Below",
    meta: { numeric: true },
    cell: ({ row }) => row.original.counts.below || <span className="muted">0</span>,
  }),
  countsHelper.display({
    id: "inside",
    header: "In band",
    meta: { numeric: true },
    cell: ({ row }) => row.original.counts.inside,
  }),
  countsHelper.display({
    id: "above",
    header: "Above",
    meta: { numeric: true },
    cell: ({ row }) => row.original.counts.above || <span className="muted">0</span>,
  }),
]);

/** Each level's band and how many of its engineers are paid below, in and above it. */
export function BandCountsTable({ levels }: { levels: BandCountsRow[] }) {
  const table = useTable({
    features: countsFeatures,
    columns: countsColumns,
    data: levels,
    getRowId: (level) => level.id,
  });
  return <DataTable table={table} />;
}

const previewFeatures = tableFeatures({});
const previewHelper = createColumnHelper<typeof previewFeatures, BandPreviewRow>();
const previewColumns = previewHelper.columns([
  previewHelper.display({ id: "level", header: "Level", cell: ({ row }) => <LevelLink level={row.original} /> }),
  previewHelper.accessor("people", { header: "People", meta: { numeric: true } }),
  previewHelper.display({ id: "current", header: "Band now", cell: ({ row }) => bandWords(row.original.current) }),
  previewHelper.display({
    id: "proposed",
    header: "Proposed band",
    cell: ({ row }) =>
      row.original.proposed ? (
        <strong>{bandWords(row.original.proposed)}</strong>
      ) : (
        <span className="muted">keeps its band</span>
      ),
  }),
  previewHelper.display({ id: "now", header: "Outside now", cell: ({ row }) => outCell(row.original.now) }),
  previewHelper.display({
    id: "after",
    header: "After",
    cell: ({ row }) => outCell(row.original.after, { goodWhenNone: row.original.proposed !== null }),
  }),
  previewHelper.display({
    id: "note",
    header: "Note",
    meta: { wrap: true },
    cell: ({ row }) => {
      const level = row.original;
      if (level.kept === "no engineers") return "No engineers to set it from";
      if (level.kept === "too few")
        return `Only ${plural(level.people, "engineer", "engineers")}: too few to set from their pay. Set it by hand.`;
      return level.step && level.step > 1_000 ? `Rounded to ${formatMoney(level.step)}: the pay spreads widely` : "";
    },
  }),
]);

/** The bands "Set bands from your team" would save, beside the bands now, with people out of band before and after. */
export function BandPreviewTable({ levels }: { levels: BandPreviewRow[] }) {
  const table = useTable({
    features: previewFeatures,
    columns: previewColumns,
    data: levels,
    getRowId: (level) => level.id,
  });
  return <DataTable table={table} />;
}
