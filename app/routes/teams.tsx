import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ratioWords, TeamsTable } from "~/components/tables/teams-table";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { formText, formValues, parseForm, readVersion } from "~/forms/parse";
import { teamFormSchema } from "~/forms/team";
import { actorOf, requireUser, seesSalaries } from "~/services/auth.server";
import { conflictMessage } from "~/services/changes.server";
import { createTeam, deleteTeam, listTeamShapes, setTeamArchived, updateTeam } from "~/services/teams.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Teams · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const teams = await listTeamShapes(await getDb());
  return {
    canEdit: seesSalaries(user),
    teams: teams.map((team) => ({ ...team, ownBand: team.ratioTarget !== null })),
  };
}

type Result = {
  intent: string;
  ok: boolean;
  message: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const db = await getDb();
  const actor = actorOf(user);
  const form = await request.formData();
  const intent = formText(form, "intent");
  const id = Number(form.get("id"));
  const refuse = (message: string, extra: Partial<Result> = {}, status = 400) =>
    data<Result>({ intent, ok: false, message, ...extra }, { status });
  switch (intent) {
    case "create":
    case "update": {
      const parsed = parseForm(teamFormSchema, form);
      if (!parsed.ok)
        return refuse(`The team was not saved: ${Object.values(parsed.errors).join("; ")}.`, {
          errors: parsed.errors,
          values: parsed.values,
        });
      const saved =
        intent === "create"
          ? await createTeam(db, { input: parsed.data, actor })
          : await updateTeam(db, { id, input: parsed.data, expectedVersion: readVersion(form), actor });
      if (saved.ok) return data<Result>({ intent, ok: true, message: `Saved "${parsed.data.name}".` });
      if ("field" in saved) return refuse(saved.message, { errors: { name: saved.message }, values: formValues(form) });
      if (saved.reason === "missing") throw new Response("Team not found", { status: 404 });
      return refuse(conflictMessage(saved), {}, 409);
    }
    case "archive":
    case "unarchive": {
      if (!(await setTeamArchived(db, { id, archived: intent === "archive", actor })))
        throw new Response("Team not found", { status: 404 });
      return data<Result>({ intent, ok: true, message: intent === "archive" ? "Archived." : "Restored." });
    }
    case "delete": {
      const deleted = await deleteTeam(db, { id, actor });
      if (deleted.ok) return data<Result>({ intent, ok: true, message: "Deleted." });
      if ("reason" in deleted) throw new Response("Team not found", { status: 404 });
      return refuse(deleted.message);
    }
    default:
      return refuse(`Unknown action "${intent}".`);
  }
}

export default function Teams() {
  const { teams, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const creating = result?.intent === "create" && !result.ok ? result : undefined;
  const unbalanced = teams.filter((team) => !team.archived && !team.ratioInBand);
  return (
    <>
      <PageHeader
        title="Teams"
        description="Mentoring, the junior-to-senior ratio and skills live inside a team. Each team can have its own target band; without one it uses 1 to 2 juniors per senior."
      />
      {result && !creating ? (
        <p className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      {unbalanced.length > 0 ? (
        <section className="card section warnings" aria-label="Teams out of their band">
          <h2>Out of their band</h2>
          <ul>
            {unbalanced.map((team) => (
              <li key={team.id}>
                {team.name}: {ratioWords(team)}
                {team.seniors === 0 && team.juniors > 0 ? "; no one in the team to mentor them" : ""} (target{" "}
                {team.band[0]} to {team.band[1]}).
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <TeamsTable teams={teams} />
      {canEdit ? (
        <Form key={teams.length} method="post" className="form card section" noValidate>
          <h2>Add a team</h2>
          {creating ? (
            <p className="form-error" role="alert">
              {creating.message}
            </p>
          ) : null}
          <div className="form-row">
            <Field name="name" label="Name" error={creating?.errors?.name}>
              {(props) => <input {...props} type="text" autoComplete="off" defaultValue={creating?.values?.name} />}
            </Field>
            <Field
              name="ratioLow"
              label="Juniors per senior, from"
              hint="Leave both empty for 1 to 2"
              error={creating?.errors?.ratioLow}
            >
              {(props) => (
                <input {...props} type="text" inputMode="decimal" defaultValue={creating?.values?.ratioLow} />
              )}
            </Field>
            <Field name="ratioHigh" label="to" error={creating?.errors?.ratioHigh}>
              {(props) => (
                <input {...props} type="text" inputMode="decimal" defaultValue={creating?.values?.ratioHigh} />
              )}
            </Field>
          </div>
          <button type="submit" name="intent" value="create" className="button">
            Add team
          </button>
        </Form>
      ) : null}
    </>
  );
}
