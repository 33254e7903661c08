import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/services/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login", { headers: { "Set-Cookie": await endSession(request) } });
}

export function loader() {
  return redirect("/");
}
