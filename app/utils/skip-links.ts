/**
 * A route names the places a keyboard user may jump to straight from the top of its page, as
 * `export const handle = { skipLinks: [{ href: "#plan-actions", label: "Skip to the plan" }] }`;
 * the layout lists them after "Skip to content".
 */
export interface SkipLink {
  href: `#${string}`;
  label: string;
}

export function skipLinksOf(matches: { handle?: unknown }[]): SkipLink[] {
  return matches.flatMap((match) => {
    const handle = match.handle as { skipLinks?: SkipLink[] } | undefined;
    return handle?.skipLinks ?? [];
  });
}
