/**
 * What the dashboard's "Needs attention" panel lists, each a count with where to fix it: the shape
 * the team service computes and the panel draws. People out of band are null for viewers: that
 * someone's pay is outside a published band says something about it. Everything else is a count of
 * what a viewer sees anyway (teams, levels, skills).
 */
export interface NeedsAttention {
  outOfBand: { below: number; above: number } | null;
  teamsShortOfMentoring: { id: number; name: string }[];
  teamsWithoutSenior: { id: number; name: string }[];
  /** Skills with one owner or none. */
  thinSkills: number;
  readyForPromotion: number;
  /**
   * Levels whose band is still the default ladder's: never set from the team's salaries nor typed
   * in; with the org's engineers at each (a band is set from 3 or more, by hand otherwise).
   */
  levelsOnDefaultBands: { id: string; title: string; people: number }[];
}
