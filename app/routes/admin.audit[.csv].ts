import type { LoaderFunctionArgs } from "@remix-run/node";
import { listAudit } from "~/services/audit.server";
import { auditFilterFrom, auditTable } from "~/services/audit-view.server";
import { requireUser } from "~/services/auth.server";
import { csvResponse, tableToCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";

/** The filtered audit trail, every matching entry, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "admin");
  const rows = await listAudit(await getDb(), auditFilterFrom(new URL(request.url)), Number.MAX_SAFE_INTEGER);
  return csvResponse(
    tableToCsv(auditTable(rows), { forSpreadsheets: true }),
    `teamshape-audit-${new Date().toISOString().slice(0, 10)}.csv`,
  );
}
