import type { SelectHTMLAttributes } from "react";
import { offeredOptions, useHydrated } from "~/components/ui/use-hydrated";
import { addMonths } from "~/domain";
import { formatMonth } from "~/utils/format";
import type { Draft } from "./draft";

/** The horizon's months as the picker offers them ("Jan 2027"); the document keeps months from the start. */
export function pickerMonths(draft: Draft): { offset: number; label: string }[] {
  const horizon = typeof draft.horizonMonths === "number" ? Math.min(Math.max(0, draft.horizonMonths), 120) : 0;
  const start = /^\d{4}-(0[1-9]|1[0-2])$/.test(draft.start) ? draft.start : null;
  return Array.from({ length: horizon }, (_, offset) => ({
    offset,
    label: start ? formatMonth(addMonths(start, offset)) : `Month ${offset + 1}`,
  }));
}

/**
 * A month of the draft's horizon, picked by name and kept as months from the start. A month the
 * horizon no longer holds (after the plan was shortened) shows as such, so the engine's message
 * beside it makes sense.
 */
export function MonthPicker({
  draft,
  months = pickerMonths(draft),
  value,
  onChange,
  ...select
}: {
  draft: Draft;
  /** `pickerMonths(draft)`, made once by a page that shows many pickers. */
  months?: { offset: number; label: string }[];
  /** Months from the plan's start, as the document holds it (anything, mid-edit). */
  value: unknown;
  onChange: (month: number) => void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange">) {
  const chosen = months.find((m) => m.offset === value);
  const offered = offeredOptions(useHydrated(), months, (m) => m === chosen);
  return (
    <select {...select} value={chosen ? String(chosen.offset) : ""} onChange={(e) => onChange(Number(e.target.value))}>
      {chosen ? null : (
        <option value="">
          {typeof value === "number" ? `Month ${value + 1}, outside the plan` : "Choose a month"}
        </option>
      )}
      {offered.map((m) => (
        <option key={m.offset} value={m.offset}>
          {m.label}
        </option>
      ))}
    </select>
  );
}
