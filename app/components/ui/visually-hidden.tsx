import type { ReactNode } from "react";

/** Words for screen readers only: the name of a column of buttons, say, that sighted users read from the buttons. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
