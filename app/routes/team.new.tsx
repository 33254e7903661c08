import { actorOf, requireUser } from "~/services/auth.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EngineerForm } from "~/components/engineer-form";
import { engineerFormSchema } from "~/forms/engineer";
import { parseForm } from "~/forms/parse";
import { createEngineer } from "~/services/engineers.server";
import { listLevels } from "~/services/ladder.server";
import { joinableTeams } from "~/services/teams.server";
import { getDb } from "~/utils/db.server";
import { PageHeader } from "~/components/ui/page-header";

export const meta: MetaFunction = () => [{ title: "Add an engineer · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "planner");
  const db = await getDb();
  const [levels, teams] = await Promise.all([listLevels(db), joinableTeams(db)]);
  return { levels, teams, today: new Date().toISOString().slice(0, 10) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const db = await getDb();
  const [levels, teams] = await Promise.all([listLevels(db), joinableTeams(db)]);
  const parsed = parseForm(
    engineerFormSchema(
      levels.map((l) => l.id),
      teams,
    ),
    await request.formData(),
  );
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = await createEngineer(db, { input: parsed.data, actor: actorOf(user) });
  return redirect(`/team/${id}?added=1`);
}

export default function NewEngineer() {
  const { levels, teams, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="Add an engineer"
        crumbs={[{ to: "/team", label: "Team" }]}
        description="Skills come next, on the engineer's page."
      />
      <EngineerForm
        levels={levels}
        teams={teams}
        values={result?.values ?? { startDate: today }}
        errors={result?.errors}
        submitLabel="Add engineer"
        cancelTo="/team"
      />
    </>
  );
}
