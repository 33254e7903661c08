import { useId } from "react";

/** The value of the picker's "whole org" choice. */
export const WHOLE_ORG = "";

/**
 * Which part of the org a page shows: the whole org or one team. Controlled, so a page decides
 * whether a choice redraws in place (the what-if page) or asks the server (a GET form).
 */
export function TeamPicker({
  teams,
  value,
  onChange,
  name,
}: {
  teams: { id: string; name: string }[];
  value: string;
  onChange?: (teamId: string) => void;
  /** For a GET form: the query parameter the choice is sent as. */
  name?: string;
}) {
  const id = useId();
  if (teams.length === 0) return null;
  return (
    <span className="team-picker">
      <label htmlFor={id}>Show</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange?.(e.target.value)}>
        <option value={WHOLE_ORG}>The whole org</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </span>
  );
}
