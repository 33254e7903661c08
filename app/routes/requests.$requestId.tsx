import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuditTable } from "~/components/tables/audit-table";
import { StatusPill } from "~/components/tables/requests-table";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { formFailure, formText, parseForm, readVersion, type FormFailure } from "~/forms/parse";
import { decisionFormSchema, MAX_DECISION_NOTE } from "~/forms/request";
import { changesInWords } from "~/services/audit-view.server";
import { actorOf, allows, requireUser } from "~/services/auth.server";
import { getPlanOfRecord } from "~/services/plan-of-record.server";
import { decideRequest, getRequest, requestHistory, withdrawRequest } from "~/services/requests.server";
import { getScenario } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { formatMoney, formatMonth } from "~/utils/format";
import { requireId } from "~/utils/params";
import { outcomeInWords, requestInWords, shortDay } from "~/utils/request-words";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Request #${data.request.id}` : "Request"} · Teamshape` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "planner");
  const db = await getDb();
  const id = requireId(params.requestId);
  const found = await getRequest(db, { id });
  if (!found) throw new Response("Request not found", { status: 404 });
  const [history, plan, addedTo] = await Promise.all([
    requestHistory(db, { id }),
    getPlanOfRecord(db),
    found.addedToScenarioId === null ? undefined : getScenario(db, { id: found.addedToScenarioId }),
  ]);
  const waiting = found.status === "requested";
  return {
    request: found,
    title: requestInWords(found),
    outcome: outcomeInWords(found),
    canDecide: waiting && user.role === "admin",
    canWithdraw: waiting && found.requestedBy === user.id,
    planName: plan?.scenarioName ?? null,
    addedTo:
      found.addedToScenarioId !== null && found.addedToVersion !== null
        ? { id: found.addedToScenarioId, name: addedTo?.scenario.name ?? null, version: found.addedToVersion }
        : null,
    history: history.map((r) => ({
      id: r.id,
      at: r.at,
      who: r.user_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      summary: r.summary,
      changes: changesInWords(r),
    })),
  };
}

type Result = FormFailure & { intent: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const db = await getDb();
  const id = requireId(params.requestId);
  const form = await request.formData();
  const intent = formText(form, "intent");
  const expectedVersion = readVersion(form);
  const refuse = (failure: FormFailure, status = 400) => data<Result>({ intent, ...failure }, { status });
  let decided;
  if (intent === "withdraw") {
    decided = await withdrawRequest(db, { id, expectedVersion, actor: actorOf(user) });
  } else if (intent === "approve" || intent === "decline") {
    if (!allows(user.role, "admin"))
      throw new Response("Only an admin approves or declines requests.", { status: 403 });
    const parsed = parseForm(decisionFormSchema, form);
    if (!parsed.ok) return refuse(formFailure(parsed.errors, parsed.values));
    decided = await decideRequest(db, { id, decision: parsed.data, expectedVersion, actor: actorOf(user) });
  } else return refuse(formFailure({ form: `Unknown action "${intent}".` }));
  if (decided.ok) return redirect(`/requests/${id}`);
  if (decided.reason === "missing") throw new Response("Request not found", { status: 404 });
  return refuse(formFailure({ form: decided.message }, { note: formText(form, "note") }), 409);
}

export default function RequestPage() {
  const { request, title, outcome, canDecide, canWithdraw, planName, addedTo, history } =
    useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const errors = failure?.errors ?? {};
  return (
    <>
      <PageHeader
        title={`Request #${request.id}: ${title}`}
        crumbs={[{ to: "/requests", label: "Requests" }]}
        description={
          <>
            <StatusPill status={request.status} /> Asked by {request.requestedByName} on {shortDay(request.createdAt)}.
          </>
        }
      />
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <section className="card section" aria-labelledby="the-request">
        <h2 id="the-request">The request</h2>
        <dl className="facts">
          <div>
            <dt>Level</dt>
            <dd>{request.levelTitle}</dd>
          </div>
          {request.teamName ? (
            <div>
              <dt>Team</dt>
              <dd>{request.teamName}</dd>
            </div>
          ) : null}
          <div>
            <dt>Starts in</dt>
            <dd>{formatMonth(request.month)}</dd>
          </div>
          <div>
            <dt>Salary</dt>
            <dd>{request.salary === null ? "The level's band midpoint" : `${formatMoney(request.salary)} a year`}</dd>
          </div>
        </dl>
        <h3>Why</h3>
        <p className="request-outcome">{request.reason}</p>
      </section>
      <section className="card section" aria-labelledby="the-outcome">
        <h2 id="the-outcome">Outcome</h2>
        <p className="request-outcome" data-testid="request-outcome">
          {outcome}
        </p>
        {addedTo ? (
          <p>
            Added to the plan of record&apos;s scenario{" "}
            {addedTo.name ? <Link to={`/scenarios/${addedTo.id}`}>{addedTo.name}</Link> : "(since deleted)"} as version{" "}
            {addedTo.version}. It counts in the plan of record once an admin adopts that version.
          </p>
        ) : null}
        {canWithdraw ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="version" value={request.version} />
            <button type="submit" name="intent" value="withdraw" className="button button-light">
              Withdraw this request
            </button>
          </Form>
        ) : null}
      </section>
      {canDecide ? (
        <Form method="post" className="form card section" noValidate aria-labelledby="decide">
          <h2 id="decide">Decide</h2>
          <p className="card-note">
            {planName
              ? `Approving adds this hire to the plan of record "${planName}" as a new version, which you then adopt again.`
              : "There is no plan of record yet: adopt one before approving, since approved requests go into it."}
          </p>
          <input type="hidden" name="version" value={request.version} />
          <Field
            name="note"
            label="Note to the requester"
            error={errors.note}
            hint={`Needed to decline; up to ${MAX_DECISION_NOTE.toLocaleString("en-US")} characters`}
          >
            {(props) => <textarea {...props} rows={3} defaultValue={failure?.values?.note ?? ""} />}
          </Field>
          <div className="button-row">
            <button type="submit" name="intent" value="approve" className="button">
              Approve
            </button>
            <button type="submit" name="intent" value="decline" className="button button-light">
              Decline
            </button>
          </div>
        </Form>
      ) : null}
      <section className="section" aria-labelledby="history">
        <h2 id="history">History</h2>
        <AuditTable lines={history} />
      </section>
    </>
  );
}
