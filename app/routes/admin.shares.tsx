import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ShareLinksTable } from "~/components/tables/share-links-table";
import { PageHeader } from "~/components/ui/page-header";
import { ACTIVE_SHARE_LINKS_MAX } from "~/forms/share-link";
import { requireUser } from "~/services/auth.server";
import { listShareLinks, answerShareForm, shareLinkLine } from "~/services/share-links.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Share links · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "admin");
  const links = (await listShareLinks(await getDb())).map((link) => shareLinkLine(link, user));
  return { links, active: links.filter((l) => l.state === "active").length };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "admin");
  const { result, status } = await answerShareForm(await getDb(), {
    request,
    user,
    target: null,
    only: "revoke-share",
  });
  return data(result, { status });
}

export default function ShareLinks() {
  const { links, active } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="Share links"
        crumbs={[{ to: "/admin", label: "Users" }]}
        description={`Every read-only link made to a report, newest first: ${active} active of the ${ACTIVE_SHARE_LINKS_MAX} a workspace may hold at once. Revoking one stops it opening at once.`}
      />
      {answer ? (
        <p className={answer.ok ? "notice" : "form-error"} role={answer.ok ? "status" : "alert"}>
          {answer.ok ? ("message" in answer ? answer.message : "") : answer.errors.form}
        </p>
      ) : null}
      <section className="card">
        {links.length > 0 ? (
          <ShareLinksTable links={links} showWhat />
        ) : (
          <p className="muted">
            No share links yet. Planners make them on a scenario&apos;s or a comparison&apos;s report.
          </p>
        )}
      </section>
    </>
  );
}
