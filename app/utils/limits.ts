/** Limits the pages show and the server enforces (kept out of .server modules so pages can say them). */

const MB = 1024 * 1024;

/** The most scenarios one comparison shows. */
export const MAX_COMPARED = 6;

/** What an upload may hold. Each is refused with a message that names it. */
export const UPLOAD_LIMITS = {
  /** The file itself (the upload reader already stops a larger request). */
  fileBytes: 5 * MB,
  /** What the parts of a workbook that are read (workbook, first sheet, shared text, styles) unpack to, together. */
  unzippedBytes: 50 * MB,
  /** Files inside a workbook's zip; a real workbook has tens, one with many sheets and pictures a few hundred. */
  zipEntries: 10_000,
  /** Characters of a workbook's shared text, the table of every sheet's strings. */
  sharedTextChars: 20_000_000,
  /** Different texts in that table: the most rows, each of 100 different cells. */
  sharedTexts: 1_000_000,
  /** Rows after the header row (empty rows do not count). */
  rows: 10_000,
  /** Columns with something in them; empty formatted cells further right are ignored. */
  columns: 100,
  /** Characters in one cell, once trimmed: the longest field, notes, takes 2,000. */
  cellChars: 2_000,
  /** Characters in all the cells read: the preview sends the sheet to the browser and back. */
  sheetChars: 10_000_000,
} as const;

export type UploadLimits = { readonly [K in keyof typeof UPLOAD_LIMITS]: number };

/** Saved versions kept per scenario: a save past it drops the oldest (its history shows the newest). */
export const SCENARIO_VERSIONS_KEPT = 100;

/** Versions on one page of a scenario's history. */
export const SCENARIO_VERSIONS_PER_PAGE = 10;

/** A share link breaks out no team or level of fewer people than this at the plan's start. */
export const SHARE_LINK_SMALL_GROUP = 3;
