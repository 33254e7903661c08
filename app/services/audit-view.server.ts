/** The audit trail as the admin reads it and exports it: filters from the page's query, changes in words. */
import type { AuditRow } from "../../db/schema";
import type { Table } from "~/domain";
import type { AuditFilter } from "./audit.server";

/** Filters from `?entity=&user=&q=&from=YYYY-MM-DD&to=YYYY-MM-DD` (to is inclusive). */
export function auditFilterFrom(url: URL): AuditFilter {
  const get = (key: string) => url.searchParams.get(key)?.trim() || undefined;
  const day = (key: string) => (/^\d{4}-\d{2}-\d{2}$/.test(get(key) ?? "") ? get(key) : undefined);
  const to = day("to");
  return {
    entity: get("entity"),
    user: get("user"),
    text: get("q"),
    from: day("from"),
    to: to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : undefined,
  };
}

/** "salary: 120000 → 125000; levelId: L2 → L3" */
export function changesInWords(row: Pick<AuditRow, "before" | "after">): string {
  const before = (row.before ? JSON.parse(row.before) : {}) as Record<string, unknown>;
  const after = (row.after ? JSON.parse(row.after) : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const show = (value: unknown) =>
    value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);
  return keys
    .map((key) => {
      const text = `${key}: ${show(before[key])} → ${show(after[key])}`;
      return text.length > 300 ? `${text.slice(0, 297)}...` : text;
    })
    .join("; ");
}

export function auditTable(rows: AuditRow[]): Table {
  return {
    header: ["When (UTC)", "Who", "Action", "What", "Id", "Summary", "Before (JSON)", "After (JSON)"],
    rows: rows.map((r) => [
      r.at,
      r.user_name,
      r.action,
      r.entity,
      r.entity_id,
      r.summary,
      r.before ?? "",
      r.after ?? "",
    ]),
  };
}
