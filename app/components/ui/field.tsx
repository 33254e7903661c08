import type { ReactNode } from "react";

/**
 * A labelled form field with its error next to it. `children` receives the input's props
 * (id, name, aria attributes) so any input, select or textarea fits. `id` tells apart two forms'
 * fields of the same name on one page.
 */
export function Field({
  name,
  id: givenId,
  label,
  error,
  hint,
  children,
}: {
  name: string;
  id?: string;
  label: ReactNode;
  error?: string;
  hint?: string;
  children: (props: { id: string; name: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = givenId ?? `field-${name.replace(/[^\w-]/g, "-")}`;
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
