/**
 * A comparison's verdicts, one line per scenario, each led by the scenario's name in bold (a name
 * may itself hold a colon, so the name is matched, not split at the first one).
 */
export function VerdictList({ verdicts, names }: { verdicts: string[]; names: string[] }) {
  return (
    <ul className="report-verdicts">
      {verdicts.map((verdict, i) => {
        const name = names[i] ?? "";
        return (
          <li key={`${i}-${name}`}>
            {name && verdict.startsWith(name) ? (
              <>
                <strong>{name}</strong>
                {verdict.slice(name.length)}
              </>
            ) : (
              verdict
            )}
          </li>
        );
      })}
    </ul>
  );
}
