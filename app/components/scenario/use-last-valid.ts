import { useState } from "react";
import type { Scenario } from "~/domain";

/** The scenario last seen valid, so a panel's figures stay with the projection shown while a field is being fixed. */
export function useLastValid(scenario: Scenario | null): Scenario | null {
  const [kept, setKept] = useState(scenario);
  if (scenario && scenario !== kept) setKept(scenario);
  return scenario ?? kept;
}
