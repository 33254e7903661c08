import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** A page's title, with the way back (crumbs), a line of description and its main actions. */
export function PageHeader({
  title,
  crumbs = [],
  description,
  actions,
}: {
  title: ReactNode;
  crumbs?: { to: string; label: string }[];
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        {crumbs.length > 0 ? (
          <p className="breadcrumb">
            {crumbs.map((crumb) => (
              <span key={crumb.to}>
                <Link to={crumb.to}>{crumb.label}</Link> /{" "}
              </span>
            ))}
          </p>
        ) : null}
        <h1>{title}</h1>
        {description ? <p>{description}</p> : null}
      </div>
      {actions ? <div className="button-row">{actions}</div> : null}
    </header>
  );
}
