import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

type SortState = false | "asc" | "desc";

/** A column header that sorts on click (a button, or a link to the sorted view) and says its direction to screen readers. */
export function SortableHeader({
  sorted,
  canSort,
  onToggle,
  href,
  numeric,
  title,
  children,
}: {
  sorted: SortState;
  canSort: boolean;
  onToggle?: (event: unknown) => void;
  href?: string;
  numeric?: boolean;
  title?: string;
  children: ReactNode;
}) {
  const arrow = <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>;
  return (
    <th
      className={numeric ? "num" : undefined}
      title={title}
      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
    >
      {canSort && href ? (
        <Link to={href} replace preventScrollReset className="sort-button">
          {children}
          {arrow}
        </Link>
      ) : canSort ? (
        <>
          <button type="button" className="sort-button" onClick={onToggle}>
            {children}
            {arrow}
          </button>
          {/* Chromium prints a header it repeats on the next page without its button's text. */}
          <span className="print-only" aria-hidden="true">
            {children}
          </span>
        </>
      ) : (
        children
      )}
    </th>
  );
}
