/**
 * The audit trail: who changed what, when, with the values before and after. Every service that
 * changes engineers, the ladder, scenarios or users calls `recordAudit` inside the transaction
 * that makes the change, so the entry and the change are written, or rolled back, together.
 */
import { sql } from "kysely";
import type { AuditRow } from "../../db/schema";
import type { DB } from "~/utils/db.server";
import type { Actor } from "./auth.server";

export interface AuditEntry {
  actor: Actor;
  action: string;
  entity: "engineer" | "invite" | "level" | "plan" | "request" | "scenario" | "share" | "team" | "user" | "workspace";
  entityId: number | string;
  summary: string;
  before?: unknown;
  after?: unknown;
  at?: string;
}

export async function recordAudit(trx: DB, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit")
    .values({
      at: entry.at ?? new Date().toISOString(),
      user_id: entry.actor.id,
      user_name: entry.actor.name,
      action: entry.action,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      summary: entry.summary,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export interface AuditFilter {
  entity?: string;
  user?: string;
  /** Matches the summary, ignoring case. */
  text?: string;
  from?: string;
  to?: string;
}

export const AUDIT_PAGE = 500;

/** The newest entries first, at most `limit`. */
export async function listAudit(db: DB, filter: AuditFilter = {}, limit = AUDIT_PAGE): Promise<AuditRow[]> {
  let query = db.selectFrom("audit").selectAll().orderBy("id", "desc").limit(limit);
  if (filter.entity) query = query.where("entity", "=", filter.entity);
  if (filter.user) query = query.where("user_name", "=", filter.user);
  if (filter.text)
    query = query.where(
      sql<boolean>`lower(summary) like lower(${`%${filter.text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}) escape '\\'`,
    );
  if (filter.from) query = query.where("at", ">=", filter.from);
  if (filter.to) query = query.where("at", "<", filter.to);
  return query.execute();
}

/** The names that appear in the trail, for the filter. */
export async function auditUsers(db: DB): Promise<string[]> {
  return (await db.selectFrom("audit").select("user_name").distinct().orderBy("user_name").execute()).map(
    (r) => r.user_name,
  );
}
