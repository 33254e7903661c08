import { Link } from "@remix-run/react";

/** A form's submit button and the way back without saving. */
export function FormActions({ submitLabel, cancelTo }: { submitLabel: string; cancelTo: string }) {
  return (
    <div className="button-row">
      <button type="submit" className="button">
        {submitLabel}
      </button>
      <Link to={cancelTo} className="button button-light">
        Cancel
      </Link>
    </div>
  );
}
