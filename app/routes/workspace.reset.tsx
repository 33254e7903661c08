import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { startEmptyTeam } from "~/services/workspace.server";
import { getDb } from "~/utils/db.server";

export async function action(_: ActionFunctionArgs) {
  await startEmptyTeam(await getDb());
  return redirect("/team");
}

export function loader() {
  throw new Response("Not found", { status: 404 });
}
