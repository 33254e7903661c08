import type { ReactNode } from "react";

type SortState = false | "asc" | "desc";

/** A column header that sorts on click and says its direction to screen readers. */
export function SortableHeader({ sorted, canSort, onToggle, numeric, title, children }: { sorted: SortState; canSort: boolean; onToggle?: (event: unknown) => void; numeric?: boolean; title?: string; children: ReactNode }) {
  return (
    <th className={numeric ? "num" : undefined} title={title} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}>
      {canSort ? (
        <button type="button" className="sort-button" onClick={onToggle}>
          {children}
          <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
        </button>
      ) : (
        children
      )}
    </th>
  );
}
