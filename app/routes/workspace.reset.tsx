import { actorOf, requireUser } from "~/services/auth.server";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { startEmptyTeam } from "~/services/workspace.server";
import { getDb } from "~/utils/db.server";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "admin");
  await startEmptyTeam(await getDb(), { actor: actorOf(user) });
  return redirect("/team");
}

export function loader() {
  throw new Response("Not found", { status: 404 });
}
