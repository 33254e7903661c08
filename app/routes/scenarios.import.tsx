import { actorOf, requireUser } from "~/services/auth.server";
import { readUpload } from "~/utils/upload.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { PageHeader } from "~/components/ui/page-header";
import { formatIssue } from "~/domain";
import { importScenario } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { FormActions } from "~/components/ui/form-actions";

export const meta: MetaFunction = () => [{ title: "Import a scenario · Teamshape" }];

const MAX_FILE_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "planner");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const upload = await readUpload(request, { maxBytes: MAX_FILE_BYTES });
  if (!upload.ok) {
    const message =
      upload.problem === "missing"
        ? "Choose a teamshape.scenario/v1 JSON file to import."
        : "The file is larger than 5 MB; a scenario file is usually a few kilobytes.";
    return data({ messages: [message] }, { status: 400 });
  }
  const result = await importScenario(await getDb(), {
    text: await upload.file.text(),
    actor: actorOf(user),
    signal: request.signal,
  });
  if (!result.ok) return data({ messages: result.issues.map(formatIssue) }, { status: 400 });
  return redirect(`/scenarios/${result.id}`);
}

export default function ImportScenario() {
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="Import a scenario"
        crumbs={[{ to: "/scenarios", label: "Scenarios" }]}
        description="A teamshape.scenario/v1 file, as exported from any Teamshape: it gives the same numbers here."
      />
      <Form method="post" encType="multipart/form-data" className="form card">
        {result ? (
          <div className="form-error" role="alert">
            <p>This file is not a scenario Teamshape can use; nothing was imported:</p>
            <ul>
              {result.messages.slice(0, 20).map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="file">Scenario file (.json)</label>
          <input id="file" name="file" type="file" accept="application/json,.json" />
        </div>
        <FormActions submitLabel="Import" cancelTo="/scenarios" />
      </Form>
    </>
  );
}
