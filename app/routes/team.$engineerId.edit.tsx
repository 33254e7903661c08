import { actorOf, requireUser } from "~/services/auth.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EngineerForm } from "~/components/engineer-form";
import { engineerFormSchema } from "~/forms/engineer";
import { formFailure, formValues, parseForm, readVersion } from "~/forms/parse";
import { refusalOf } from "~/services/changes.server";
import { getEngineer, updateEngineer } from "~/services/engineers.server";
import { listLevels } from "~/services/ladder.server";
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
  return { engineer, levels: await listLevels(db) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const id = requireId(params.engineerId);
  const db = await getDb();
  const levels = await listLevels(db);
  const formData = await request.formData();
  const parsed = parseForm(engineerFormSchema(levels.map((l) => l.id)), formData);
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
  const { engineer, levels } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {
    name: engineer.name,
    levelId: engineer.levelId,
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
        values={values}
        errors={result?.errors}
        submitLabel="Save changes"
        cancelTo={`/team/${engineer.id}`}
        version={engineer.version}
      />
    </>
  );
}
