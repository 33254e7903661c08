import { sql } from "kysely";
import { getDb } from "~/utils/db.server";

/** For the server's own start-up check and for monitors: the database opens and answers. No data. */
export async function loader() {
  const db = await getDb();
  await sql`select 1`.execute(db);
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
