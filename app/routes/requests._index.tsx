import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { RequestsTable } from "~/components/tables/requests-table";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { formFailure, formText, formValues, parseForm, type FormFailure } from "~/forms/parse";
import {
  MAX_OPEN_REQUESTS,
  MAX_REQUEST_REASON,
  REQUEST_SALARY_RANGE,
  REQUEST_STATUSES,
  requestFilterFrom,
  requestFormSchema,
} from "~/forms/request";
import { actorOf, requireUser } from "~/services/auth.server";
import { listLevels } from "~/services/ladder.server";
import { getPlanOfRecord } from "~/services/plan-of-record.server";
import { countOpenRequests, createRequest, listRequests } from "~/services/requests.server";
import { listTeams } from "~/services/teams.server";
import { addMonths } from "~/domain";
import { getDb } from "~/utils/db.server";
import { formatMonth } from "~/utils/format";
import { STATUS_WORDS } from "~/utils/request-words";

export const meta: MetaFunction = () => [{ title: "Headcount requests · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Requests may carry a salary: planners and admins only.
  const user = await requireUser(request, "planner");
  const db = await getDb();
  const url = new URL(request.url);
  const [{ requests, total }, levels, teams, open, plan] = await Promise.all([
    listRequests(db, { filter: requestFilterFrom(url, user.id) }),
    listLevels(db),
    listTeams(db),
    countOpenRequests(db),
    getPlanOfRecord(db),
  ]);
  return {
    requests,
    total,
    open,
    isAdmin: user.role === "admin",
    levels: levels.map((l) => ({ id: l.id, title: l.title })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, archived: t.archived })),
    thisMonth: new Date().toISOString().slice(0, 7),
    planMonths: plan
      ? {
          name: plan.scenarioName,
          first: plan.scenario.start,
          last: addMonths(plan.scenario.start, plan.scenario.horizonMonths - 1),
        }
      : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const form = await request.formData();
  if (formText(form, "intent") !== "create")
    return data<FormFailure>(formFailure({ form: "Unknown action." }), { status: 400 });
  const parsed = parseForm(requestFormSchema, form);
  if (!parsed.ok) return data<FormFailure>(formFailure(parsed.errors, parsed.values), { status: 400 });
  const created = await createRequest(await getDb(), { input: parsed.data, actor: actorOf(user) });
  if (!created.ok) return data<FormFailure>(formFailure(created.errors, formValues(form)), { status: 400 });
  return redirect(`/requests/${created.id}`);
}

export default function Requests() {
  const { requests, total, open, isAdmin, levels, teams, thisMonth, planMonths } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  const [search] = useSearchParams();
  const active = teams.filter((t) => !t.archived);
  const problems = Object.entries(errors).filter(([field]) => field !== "form");
  return (
    <>
      <PageHeader
        title="Headcount requests"
        description={
          isAdmin
            ? `A planner asks for a hire; you approve or decline it with a note. Approved hires go into the plan of record as a new version, which you then adopt again. ${open} waiting for a decision.`
            : "Ask for a hire: an admin approves or declines it with a note, and you see the outcome here. Approved hires go into the plan of record."
        }
      />
      <Form method="get" className="card table-tools" style={{ marginBottom: 14 }} aria-label="Filter the requests">
        <label>
          Status
          <select name="status" defaultValue={search.get("status") ?? ""}>
            <option value="">Any</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_WORDS[s]}
              </option>
            ))}
          </select>
        </label>
        {teams.length > 0 ? (
          <label>
            Team
            <select name="team" defaultValue={search.get("team") ?? ""}>
              <option value="">Any</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.archived ? " (archived)" : ""}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Level
          <select name="level" defaultValue={search.get("level") ?? ""}>
            <option value="">Any</option>
            {levels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox-label">
          <input type="checkbox" name="mine" value="1" defaultChecked={search.get("mine") === "1"} /> Only mine
        </label>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      {total > requests.length ? (
        <p className="card-note">
          Showing the newest {requests.length} of {total.toLocaleString("en-US")} requests: narrow the filters to see
          the others.
        </p>
      ) : null}
      <RequestsTable requests={requests} />

      <Form method="post" className="form card section" noValidate aria-labelledby="request-a-hire">
        <h2 id="request-a-hire">Request a hire</h2>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : problems.length > 0 ? (
          <p className="form-error" role="alert">
            The request was not sent: {problems.map(([, message]) => message).join("; ")}.
          </p>
        ) : null}
        <div className="form-row">
          <Field name="levelId" label="Level" error={errors.levelId}>
            {(props) => (
              <select {...props} defaultValue={values.levelId ?? ""}>
                <option value="">Choose a level</option>
                {levels.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {active.length > 0 ? (
            <Field name="teamId" label="Team" error={errors.teamId}>
              {(props) => (
                <select {...props} defaultValue={values.teamId ?? ""}>
                  <option value="">Choose a team</option>
                  {active.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <Field
            name="month"
            label="Starts in"
            error={errors.month}
            hint={
              planMonths
                ? `The plan of record "${planMonths.name}" runs ${formatMonth(planMonths.first)} to ${formatMonth(planMonths.last)}`
                : `${formatMonth(thisMonth)} or later`
            }
          >
            {(props) => <input {...props} type="month" min={thisMonth} defaultValue={values.month ?? ""} />}
          </Field>
          <Field
            name="salary"
            label="Salary (optional)"
            error={errors.salary}
            hint={`Dollars a year, $${REQUEST_SALARY_RANGE.min.toLocaleString("en-US")} to $${REQUEST_SALARY_RANGE.max.toLocaleString("en-US")}; empty: the level's band midpoint`}
          >
            {(props) => <input {...props} type="text" inputMode="numeric" defaultValue={values.salary ?? ""} />}
          </Field>
        </div>
        <Field
          name="reason"
          label="Why the team needs this hire"
          error={errors.reason}
          hint={`Up to ${MAX_REQUEST_REASON.toLocaleString("en-US")} characters`}
        >
          {(props) => <textarea {...props} rows={3} defaultValue={values.reason ?? ""} />}
        </Field>
        <p className="card-note">At most {MAX_OPEN_REQUESTS} requests wait for a decision at once.</p>
        <button type="submit" name="intent" value="create" className="button">
          Request a hire
        </button>
      </Form>
    </>
  );
}
