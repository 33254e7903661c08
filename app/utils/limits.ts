/** Limits the pages show and the server enforces (kept out of .server modules so pages can say them). */

/** The most scenarios one comparison shows. */
export const MAX_COMPARED = 6;
