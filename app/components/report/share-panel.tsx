import { Form, useNavigation } from "@remix-run/react";
import { ShareLinksTable, type ShareLinkLine } from "~/components/tables/share-links-table";
import { CopyLink } from "~/components/ui/copy-link";
import { Field } from "~/components/ui/field";

export interface Sharing {
  links: ShareLinkLine[];
  expiry: { earliest: string; suggested: string; latest: string };
}

/** What the share form answered: the link made (shown this once), or what to fix. */
export type ShareAnswer =
  | { intent: string; ok: true; url?: string; expiresOn?: string; message?: string }
  | { intent: string; ok: false; errors: Record<string, string>; values: Record<string, string> | null };

/**
 * "Share a read-only link" on a report page, for planners and admins: a label and the last day,
 * then the link once with a copy button, and this report's links with their status and openings.
 */
export function SharePanel({ sharing, answer }: { sharing: Sharing; answer: ShareAnswer | undefined }) {
  const busy = useNavigation().state === "submitting";
  const made = answer?.intent === "share" && answer.ok ? answer : undefined;
  const refused = answer && !answer.ok ? answer : undefined;
  const errors = refused?.errors ?? {};
  const values = refused?.intent === "share" ? (refused.values ?? {}) : {};
  return (
    <section className="card section share-panel no-print" aria-labelledby="share-heading">
      <h2 id="share-heading">Share a read-only link</h2>
      <p className="muted">
        Anyone with the link can read this report, without an account, until the day you choose. They see it as a viewer
        does, and less: money at each level&apos;s band midpoint, no one&apos;s pay or name, and no team or level of
        fewer than 3 people on its own. Every opening is counted below.
      </p>
      {made?.url ? (
        <div className="share-made" role="status">
          <CopyLink id="share-link" label="The link: copy it now, it is shown only this once" url={made.url} />
        </div>
      ) : null}
      {answer?.intent === "revoke-share" && answer.ok ? <p role="status">{answer.message}</p> : null}
      <Form method="post" className="form share-form" noValidate>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <div className="share-fields">
          <Field
            name="label"
            label="Label (optional)"
            hint="For your list only, such as “For finance”."
            error={errors.label}
          >
            {(props) => <input {...props} type="text" maxLength={80} defaultValue={values.label ?? ""} />}
          </Field>
          <Field
            name="expiresOn"
            label="Opens until"
            hint={`The last day it opens: tomorrow to ${sharing.expiry.latest}.`}
            error={errors.expiresOn}
          >
            {(props) => (
              <input
                {...props}
                type="date"
                min={sharing.expiry.earliest}
                max={sharing.expiry.latest}
                defaultValue={values.expiresOn ?? sharing.expiry.suggested}
              />
            )}
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" name="intent" value="share" className="button" disabled={busy}>
            Create link
          </button>
        </div>
      </Form>
      {sharing.links.length > 0 ? (
        <>
          <h3>Links to this report</h3>
          <ShareLinksTable links={sharing.links} />
        </>
      ) : null}
    </section>
  );
}
