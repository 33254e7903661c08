import { PROFICIENCY_LABELS } from "~/domain";

/** A 0-4 proficiency choice; `zeroLabel` names what 0 means here ("None", "Not expected"). */
export function ProficiencySelect({
  zeroLabel = "None",
  ...props
}: { zeroLabel?: string } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select {...props}>
      {PROFICIENCY_LABELS.map((label, p) => (
        <option key={p} value={p}>
          {p} · {p === 0 ? zeroLabel : label}
        </option>
      ))}
    </select>
  );
}
