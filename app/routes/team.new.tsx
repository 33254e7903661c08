import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EngineerForm } from "~/components/engineer-form";
import { engineerFormSchema } from "~/forms/engineer";
import { parseForm } from "~/forms/parse";
import { createEngineer } from "~/services/engineers.server";
import { listLevels } from "~/services/ladder.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Add an engineer · Teamshape" }];

export async function loader(_: LoaderFunctionArgs) {
  const levels = await listLevels(await getDb());
  return { levels, today: new Date().toISOString().slice(0, 10) };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = await getDb();
  const levels = await listLevels(db);
  const parsed = parseForm(engineerFormSchema(levels.map((l) => l.id)), await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = await createEngineer(db, { input: parsed.data });
  return redirect(`/team/${id}?added=1`);
}

export default function NewEngineer() {
  const { levels, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link to="/team">Team</Link> /
          </p>
          <h1>Add an engineer</h1>
          <p>Skills come next, on the engineer&apos;s page.</p>
        </div>
      </header>
      <EngineerForm levels={levels} values={result?.values ?? { startDate: today }} errors={result?.errors} submitLabel="Add engineer" cancelTo="/team" />
    </>
  );
}
