import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireScenario, scenarioFileText, slugify } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { requireId } from "~/utils/params";

/** Downloads the scenario as a teamshape.scenario/v1 file that reproduces the same numbers anywhere. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "planner");
  const stored = await requireScenario(await getDb(), user, requireId(params.scenarioId));
  const file = `teamshape-${slugify(stored.scenario.name)}-${stored.scenario.start}.json`;
  return new Response(scenarioFileText(stored.scenario), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file}"`,
    },
  });
}
