/** Limits the pages show and the server enforces (kept out of .server modules so pages can say them). */

/** The most scenarios one comparison shows. */
export const MAX_COMPARED = 6;

/** Viewers see salary totals and averages only over groups of at least this many people. */
export const MIN_GROUP = 3;
