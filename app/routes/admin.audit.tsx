import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuditTable } from "~/components/tables/audit-table";
import { PageHeader } from "~/components/ui/page-header";
import { AUDIT_PAGE, auditUsers, listAudit } from "~/services/audit.server";
import { auditFilterFrom, changesInWords } from "~/services/audit-view.server";
import { requireUser } from "~/services/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Audit trail · Teamshape" }];

const ENTITIES = ["engineer", "invite", "level", "plan", "request", "scenario", "share", "team", "user", "workspace"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "admin");
  const db = await getDb();
  const url = new URL(request.url);
  const [rows, users] = await Promise.all([listAudit(db, auditFilterFrom(url)), auditUsers(db)]);
  return {
    lines: rows.map((r) => ({
      id: r.id,
      at: r.at,
      who: r.user_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      summary: r.summary,
      changes: changesInWords(r),
    })),
    users,
    limited: rows.length === AUDIT_PAGE,
    query: url.search,
  };
}

export default function AuditTrail() {
  const { lines, users, limited, query } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <>
      <PageHeader
        title="Audit trail"
        crumbs={[{ to: "/admin", label: "Users" }]}
        description="Every change to engineers, the ladder, scenarios and users: who, when, and the values before and after. Written in the same transaction as the change."
        actions={
          <Link className="button button-light" to={`/admin/audit.csv${query}`} reloadDocument>
            Download CSV
          </Link>
        }
      />
      <Form method="get" className="card table-tools" style={{ marginBottom: 14 }}>
        <label>
          What
          <select name="entity" defaultValue={search.get("entity") ?? ""}>
            <option value="">Everything</option>
            {ENTITIES.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <label>
          Who
          <select name="user" defaultValue={search.get("user") ?? ""}>
            <option value="">Anyone</option>
            {users.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" defaultValue={search.get("from") ?? ""} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={search.get("to") ?? ""} />
        </label>
        <label>
          Summary contains
          <input type="search" name="q" defaultValue={search.get("q") ?? ""} placeholder="A name, a scenario..." />
        </label>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      {limited ? (
        <p className="card-note">
          Showing the newest {lines.length} entries; narrow the filters or download the CSV for all of them.
        </p>
      ) : null}
      <AuditTable lines={lines} />
    </>
  );
}
