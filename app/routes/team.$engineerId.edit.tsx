import { actorOf, requireUser } from "~/services/auth.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EngineerForm } from "~/components/engineer-form";
import { engineerFormSchema } from "~/forms/engineer";
import { formFailure, formValues, parseForm, readVersion } from "~/forms/parse";
import { refusalOf } from "~/services/changes.server";
import { getEngineer, updateEngineer } from "~/services/engineers.server";
import { listLevels } from "~/services/ladder.server";
import { joinableTeams } from "~/services/teams.server";
import { getDb } from "~/utils/db.server";
import { requireId } from "~/utils/params";
import { PageHeader } from "~/components/ui/page-header";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.engineer.name ?? "engineer"} · Teamshape` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, "planner");
  const db = await getDb();
  const engineer = await getEngineer(db, { id: requireId(params.engineerId) });
  if (!engineer) throw new Response("Engineer not found", { status: 404 });
  const [levels, teams] = await Promise.all([listLevels(db), joinableTeams(db, engineer.teamId)]);
  return { engineer, levels, teams };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const id = requireId(params.engineerId);
  const db = await getDb();
  const current = await getEngineer(db, { id });
  if (!current) throw new Response("Engineer not found", { status: 404 });
  const [levels, teams] = await Promise.all([listLevels(db), joinableTeams(db, current.teamId)]);
  const formData = await request.formData();
  const parsed = parseForm(
    engineerFormSchema(
      levels.map((l) => l.id),
      teams,
    ),
    formData,
  );
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const saved = await updateEngineer(db, {
    id,
    input: parsed.data,
    expectedVersion: readVersion(formData),
    actor: actorOf(user),
  });
  const refused = refusalOf(saved, "Engineer not found");
  if (refused) return data(formFailure({ form: refused }, formValues(formData)), { status: 409 });
  return redirect(`/team/${id}?saved=1`);
}

export default function EditEngineer() {
  const { engineer, levels, teams } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {
    name: engineer.name,
    levelId: engineer.levelId,
    teamId: String(engineer.teamId),
    salary: String(engineer.salary),
    startDate: engineer.startDate,
    notes: engineer.notes,
  };
  return (
    <>
      <PageHeader
        title={`Edit ${engineer.name}`}
        crumbs={[
          { to: "/team", label: "Team" },
          { to: `/team/${engineer.id}`, label: engineer.name },
        ]}
      />
      <EngineerForm
        levels={levels}
        teams={teams}
        values={values}
        errors={result?.errors}
        submitLabel="Save changes"
        cancelTo={`/team/${engineer.id}`}
        version={engineer.version}
      />
    </>
  );
}
