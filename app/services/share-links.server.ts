/**
 * Share links (issue 18): a planner or admin makes a read-only link to a scenario's or a
 * comparison's report, for someone without an account. Like an invite, the link holds 32 random
 * bytes (base64url) and the database keeps only their SHA-256, so a copy of the file holds no
 * working link; it opens until its last day (`expires_on`, UTC) unless revoked, and stops when its
 * scenario is deleted or archived. Each opening is logged (when, and the first 120 characters of the
 * browser's name: no address). What the report shows a reader is reports.server.ts's business.
 */
import { createHash, randomBytes } from "node:crypto";
import type { ShareLinkRow } from "../../db/schema";
import { readForm, UNREADABLE_FORM } from "~/forms/account";
import { formText, formValues as formValuesOf, parseForm, type FieldErrors } from "~/forms/parse";
import { ACTIVE_SHARE_LINKS_MAX, dayOf, expiryRange, shareLinkSchema, type ShareLinkInput } from "~/forms/share-link";
import { inTransaction, type DB } from "~/utils/db.server";
import { MAX_COMPARED } from "~/utils/limits";
import { recordAudit } from "./audit.server";
import { actorOf, allows, type User } from "./auth.server";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const shareTokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");
/** The most of a browser's name kept per view. */
export const CLIENT_NOTE_CHARS = 120;

/** What a share link is of: one scenario's report, or a comparison (its scenarios in order, and the baseline). */
export type ShareTarget =
  { kind: "scenario"; scenarioId: number } | { kind: "comparison"; scenarioIds: number[]; baseline: number };

export type ShareState = "active" | "expired" | "revoked";

export interface ShareLink {
  id: number;
  target: ShareTarget;
  label: string;
  createdBy: number | null;
  createdByName: string;
  createdAt: string;
  expiresOn: string;
  revokedAt: string | null;
  revokedByName: string | null;
  state: ShareState;
  views: number;
  lastViewAt: string | null;
  /** The scenario names, for the admin's list; a deleted scenario's name is gone. */
  what: string;
}

function targetOf(row: ShareLinkRow): ShareTarget {
  return row.kind === "scenario"
    ? { kind: "scenario", scenarioId: row.scenario_id! }
    : { kind: "comparison", scenarioIds: JSON.parse(row.scenario_ids!) as number[], baseline: row.baseline! };
}

const idsOf = (target: ShareTarget) => (target.kind === "scenario" ? [target.scenarioId] : target.scenarioIds);

function stateOf(row: Pick<ShareLinkRow, "revoked_at" | "expires_on">, now: Date): ShareState {
  if (row.revoked_at) return "revoked";
  if (row.expires_on < dayOf(now)) return "expired";
  return "active";
}

/** The active links' count: those not revoked whose last day is today or later. */
async function countActive(db: DB, now: Date): Promise<number> {
  const { n } = await db
    .selectFrom("share_link")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("revoked_at", "is", null)
    .where("expires_on", ">=", dayOf(now))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The scenarios a target names that exist and are not archived, by id. */
async function liveScenarios(db: DB, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom("scenario")
    .select(["id", "name"])
    .where("id", "in", ids)
    .where("archived_at", "is", null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const whatOf = (target: ShareTarget, names: Map<number, string>) =>
  idsOf(target)
    .map((id) => names.get(id) ?? "a scenario since deleted or archived")
    .join(" vs ");

export type CreateShareResult =
  | { ok: true; id: number; token: string; expiresOn: string }
  | { ok: false; field: "form" | "expiresOn"; message: string };

/**
 * Makes a share link and returns its token, the only time it exists outside the link. Planners and
 * admins only; every scenario it shows must exist and not be archived.
 */
export async function createShareLink(
  db: DB,
  { user, target, input, now = new Date() }: { user: User; target: ShareTarget; input: ShareLinkInput; now?: Date },
): Promise<CreateShareResult> {
  if (!allows(user.role, "planner"))
    return { ok: false, field: "form", message: "Only planners and admins make share links." };
  const ids = idsOf(target);
  if (target.kind === "comparison" && (ids.length < 2 || ids.length > MAX_COMPARED || !ids.includes(target.baseline)))
    return { ok: false, field: "form", message: `A comparison's link shows 2 to ${MAX_COMPARED} scenarios.` };
  const token = randomBytes(32).toString("base64url");
  const at = now.toISOString();
  return inTransaction(db, async (trx): Promise<CreateShareResult> => {
    const names = await liveScenarios(trx, ids);
    if (ids.some((id) => !names.has(id)))
      return {
        ok: false,
        field: "form",
        message: "A scenario of this report was deleted or archived: nothing to share.",
      };
    if ((await countActive(trx, now)) >= ACTIVE_SHARE_LINKS_MAX)
      return {
        ok: false,
        field: "form",
        message: `The workspace has ${ACTIVE_SHARE_LINKS_MAX} active share links, the most it keeps: revoke one first.`,
      };
    const { id } = await trx
      .insertInto("share_link")
      .values({
        token_hash: shareTokenHash(token),
        kind: target.kind,
        scenario_id: target.kind === "scenario" ? target.scenarioId : null,
        scenario_ids: target.kind === "comparison" ? JSON.stringify(target.scenarioIds) : null,
        baseline: target.kind === "comparison" ? target.baseline : null,
        label: input.label,
        created_by: user.id,
        created_by_name: user.name,
        created_at: at,
        expires_on: input.expiresOn,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const what = whatOf(target, names);
    await recordAudit(trx, {
      actor: actorOf(user),
      at,
      action: "create",
      entity: "share",
      entityId: id,
      summary: `Shared a read-only link to the ${target.kind === "scenario" ? "report" : "comparison"} of ${what}${input.label ? ` ("${input.label}")` : ""}, open until ${input.expiresOn}`,
      after: { ...target, label: input.label, expiresOn: input.expiresOn },
    });
    return { ok: true, id, token, expiresOn: input.expiresOn };
  });
}

export type RevokeShareResult = { ok: true } | { ok: false; status: 403 | 404 | 409; message: string };

/** Revokes a link at once: its maker or an admin may. */
export async function revokeShareLink(
  db: DB,
  { user, id, now = new Date() }: { user: User; id: number; now?: Date },
): Promise<RevokeShareResult> {
  return inTransaction(db, async (trx): Promise<RevokeShareResult> => {
    const row = await trx.selectFrom("share_link").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return { ok: false, status: 404, message: "No such share link." };
    if (row.created_by !== user.id && user.role !== "admin")
      return {
        ok: false,
        status: 403,
        message: `Only ${row.created_by_name}, who made it, or an admin can revoke this link.`,
      };
    if (row.revoked_at) return { ok: false, status: 409, message: "That link was already revoked." };
    const at = now.toISOString();
    await trx
      .updateTable("share_link")
      .set({ revoked_at: at, revoked_by_name: user.name })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actor: actorOf(user),
      at,
      action: "revoke",
      entity: "share",
      entityId: id,
      summary: `Revoked the share link${row.label ? ` "${row.label}"` : ""} made by ${row.created_by_name} on ${row.created_at.slice(0, 10)}; it no longer opens`,
    });
    return { ok: true };
  });
}

/**
 * Share links, newest first, with their state and views: one report's (`target`), or every link
 * (the admin's list).
 */
export async function listShareLinks(
  db: DB,
  { target, now = new Date() }: { target?: ShareTarget; now?: Date } = {},
): Promise<ShareLink[]> {
  let query = db
    .selectFrom("share_link")
    .leftJoin("share_view", "share_view.link_id", "share_link.id")
    .selectAll("share_link")
    .select((eb) => [eb.fn.count<number>("share_view.id").as("views"), eb.fn.max("share_view.at").as("last_view_at")])
    .groupBy("share_link.id")
    .orderBy("share_link.id", "desc");
  if (target?.kind === "scenario")
    query = query.where("share_link.kind", "=", "scenario").where("share_link.scenario_id", "=", target.scenarioId);
  if (target?.kind === "comparison")
    query = query
      .where("share_link.kind", "=", "comparison")
      .where("share_link.scenario_ids", "=", JSON.stringify(target.scenarioIds))
      .where("share_link.baseline", "=", target.baseline);
  const rows = await query.execute();
  const names = await liveScenarios(db, [...new Set(rows.flatMap((r) => idsOf(targetOf(r))))]);
  return rows.map((row) => {
    const linkTarget = targetOf(row);
    return {
      id: row.id,
      target: linkTarget,
      label: row.label,
      createdBy: row.created_by,
      createdByName: row.created_by_name,
      createdAt: row.created_at,
      expiresOn: row.expires_on,
      revokedAt: row.revoked_at,
      revokedByName: row.revoked_by_name,
      state: stateOf(row, now),
      views: Number(row.views),
      lastViewAt: row.last_view_at ?? null,
      what: whatOf(linkTarget, names),
    };
  });
}

/** Why a link shows nothing: unknown (404), or expired, revoked, or its scenario gone (410). */
export type ClosedShare =
  { state: "unknown" } | { state: "expired"; expiresOn: string } | { state: "revoked" } | { state: "gone" };

/**
 * The link a token names, when it opens now; the opening is logged. Looked up by the token's hash
 * only. A link whose scenario was deleted or archived since is "gone".
 */
export async function openShareLink(
  db: DB,
  { token, userAgent, now = new Date() }: { token: string; userAgent?: string | null; now?: Date },
): Promise<{ state: "open"; id: number; target: ShareTarget; label: string; expiresOn: string } | ClosedShare> {
  if (!TOKEN.test(token)) return { state: "unknown" };
  const row = await db
    .selectFrom("share_link")
    .selectAll()
    .where("token_hash", "=", shareTokenHash(token))
    .executeTakeFirst();
  if (!row) return { state: "unknown" };
  const state = stateOf(row, now);
  if (state === "revoked") return { state };
  if (state === "expired") return { state, expiresOn: row.expires_on };
  const target = targetOf(row);
  const ids = idsOf(target);
  if ((await liveScenarios(db, ids)).size < ids.length) return { state: "gone" };
  await db
    .insertInto("share_view")
    .values({ link_id: row.id, at: now.toISOString(), client: (userAgent ?? "").slice(0, CLIENT_NOTE_CHARS) })
    .execute();
  return { state: "open", id: row.id, target, label: row.label, expiresOn: row.expires_on };
}

/** A link as the lists show it to `user`: may they revoke it (its maker or an admin, while it is active)? */
export function shareLinkLine(link: ShareLink, user: User) {
  const { target: _target, createdBy, ...shown } = link;
  return { ...shown, canRevoke: link.state === "active" && (createdBy === user.id || user.role === "admin") };
}

/** What the share panel of a report page needs: this report's links and the expiry dates allowed. */
export async function sharingOf(
  db: DB,
  { user, target, now = new Date() }: { user: User; target: ShareTarget; now?: Date },
) {
  if (!allows(user.role, "planner")) return null;
  return {
    links: (await listShareLinks(db, { target, now })).map((link) => shareLinkLine(link, user)),
    expiry: expiryRange(now),
  };
}

export type ShareActionResult =
  | { intent: "share"; ok: true; url: string; expiresOn: string }
  | { intent: "share" | "revoke-share" | ""; ok: false; errors: FieldErrors; values: Record<string, string> | null }
  | { intent: "revoke-share"; ok: true; message: string };

/**
 * A report page's (or the admin list's) share form: "share" makes a link to `target`, "revoke-share"
 * revokes the link `id`. Null for any other intent, which the route handles itself.
 */
export async function shareAction(
  db: DB,
  {
    request,
    form,
    user,
    target,
    now = new Date(),
  }: { request: Request; form: FormData; user: User; target: ShareTarget | null; now?: Date },
): Promise<{ status: number; result: ShareActionResult } | null> {
  const intent = formText(form, "intent");
  if (intent === "share") {
    if (!target)
      return { status: 400, result: { intent, ok: false, errors: { form: "Nothing to share here." }, values: null } };
    const parsed = parseForm(shareLinkSchema(now), form);
    if (!parsed.ok) return { status: 400, result: { intent, ok: false, errors: parsed.errors, values: parsed.values } };
    const made = await createShareLink(db, { user, target, input: parsed.data, now });
    if (!made.ok)
      return {
        status: 400,
        result: { intent, ok: false, errors: { [made.field]: made.message }, values: formValuesOf(form) },
      };
    return {
      status: 200,
      result: {
        intent,
        ok: true,
        url: `${new URL(request.url).origin}/share/${made.token}`,
        expiresOn: made.expiresOn,
      },
    };
  }
  if (intent === "revoke-share") {
    const id = Number(formText(form, "id"));
    const revoked = Number.isSafeInteger(id)
      ? await revokeShareLink(db, { user, id, now })
      : ({ ok: false, status: 404, message: "No such share link." } as const);
    if (!revoked.ok)
      return { status: revoked.status, result: { intent, ok: false, errors: { form: revoked.message }, values: null } };
    return { status: 200, result: { intent, ok: true, message: "Revoked: the link no longer opens the report." } };
  }
  return null;
}

/**
 * A route's whole answer to a share form: `shareAction`'s, or 400 for a form that cannot be read or
 * an intent it does not take (`only` narrows the intents, as the admin list takes only revoking).
 */
export async function answerShareForm(
  db: DB,
  { request, user, target, only }: { request: Request; user: User; target: ShareTarget | null; only?: "revoke-share" },
): Promise<{ status: number; result: ShareActionResult }> {
  const form = await readForm(request);
  const answered =
    form && (!only || formText(form, "intent") === only)
      ? await shareAction(db, { request, form, user, target })
      : null;
  return (
    answered ?? {
      status: 400,
      result: { intent: "", ok: false, errors: { form: form ? "Unknown action." : UNREADABLE_FORM }, values: null },
    }
  );
}
