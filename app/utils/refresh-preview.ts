/** The shape a refresh from the roster is previewed in: the scenario service computes it, the page's panel draws it. */
/** A level setting the scenario holds where it differs from the ladder's, for the refresh's summary. */
export interface LevelDifference {
  level: string;
  setting: string;
  scenario: number;
  ladder: number;
  unit: "%" | "$" | "months" | "hours" | "";
}

/** What a refresh from the roster would do, said before it is done. */
export interface RefreshPreview {
  /** People and teams in the scenario's team entries now, and on the roster. */
  now: { people: number; teams: number };
  roster: { people: number; teams: number };
  /** Plan events kept, and those dropped (their person, level or team is gone) or moved to the first team. */
  events: number;
  dropped: number;
  placed: number;
  /** Where the scenario's own level settings differ from the ladder (kept unless the levels are reset). */
  levelDifferences: LevelDifference[];
}
