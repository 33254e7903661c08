import { Form, Link } from "@remix-run/react";
import {
  BAND_FIT_METHOD_LABELS,
  BAND_FIT_METHOD_WORDS,
  MIN_PEOPLE_FOR_TEAM_BAND,
  type BandFitMethod,
  type NotRising,
} from "~/domain";
import { formatMoneyShort } from "~/utils/format";
import { BandCountsTable, BandPreviewTable, type BandCountsRow, type BandPreviewRow } from "./tables/band-tables";

/** What the Ladder page shows a planner of the bands against the team (the service's LadderBands). */
export interface BandsPanelData {
  levels: BandCountsRow[];
  outOfBand: number;
  proposal: { method: BandFitMethod; levels: BandPreviewRow[]; notRising: NotRising[] } | null;
  /** The save form's hidden fields for the proposal. */
  saveFields: Record<string, string> | null;
}

const METHOD_HINTS: Record<BandFitMethod, string> = {
  range: "everyone ends up inside their band",
  "p10-p90": "about a tenth of people at each end stay outside",
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const FIGURE_WORDS = { min: "minimum", mid: "midpoint", max: "maximum" } as const;

/** "L3's midpoint ($109k) and maximum ($112k) are not above L2's ($110k, $114k)." */
function notRisingWords(pair: NotRising, bandOf: (id: string) => BandPreviewRow["current"]): string {
  const lower = bandOf(pair.lowerId);
  const higher = bandOf(pair.higherId);
  const figures = pair.figures.map((f) => `${FIGURE_WORDS[f]} (${formatMoneyShort(higher[f])})`);
  const theirs = pair.figures.map((f) => formatMoneyShort(lower[f])).join(", ");
  const joined = figures.length > 1 ? `${figures.slice(0, -1).join(", ")} and ${figures.at(-1)}` : figures[0];
  return `${pair.higherId}'s ${joined} ${figures.length > 1 ? "are" : "is"} not above ${pair.lowerId}'s (${theirs}).`;
}

/**
 * The Ladder page's salary bands against the team (planners only): how many people each band
 * leaves out, and "Set bands from your team", previewed before anything is saved.
 */
export function BandsPanel({ bands, error }: { bands: BandsPanelData; error?: string }) {
  const { proposal } = bands;
  const people = bands.levels.reduce((n, l) => n + l.people, 0);
  const starting = bands.levels.filter((l) => l.bandSource === "default").length;
  const toSet = proposal?.levels.filter((l) => l.proposed) ?? [];
  const outNow = toSet.reduce((n, l) => n + l.now.below + l.now.above, 0);
  const outAfter = toSet.reduce((n, l) => n + l.after.below + l.after.above, 0);
  const bandOf = (id: string) => {
    const level = proposal?.levels.find((l) => l.id === id);
    return level?.proposed ?? level?.current ?? { min: 0, mid: 0, max: 0 };
  };
  const wideSteps = toSet.some((l) => (l.step ?? 0) > 1_000);
  return (
    <section className="card section" id="bands" aria-labelledby="bands-heading">
      <h2 id="bands-heading">Salary bands against your team</h2>
      <p className="card-note">
        {bands.outOfBand === 0
          ? `All ${plural(people, "engineer is", "engineers are")} paid inside their level's band.`
          : `${bands.outOfBand} of ${people} engineers ${bands.outOfBand === 1 ? "is" : "are"} paid outside their level's band.`}{" "}
        {starting > 0
          ? `${plural(starting, "level still has its", "levels still have their")} starting band: hires and backfills are priced at the midpoint.`
          : ""}
      </p>
      {proposal ? null : <BandCountsTable levels={bands.levels} />}

      <Form method="get" action="/ladder" className="band-fit-form" preventScrollReset>
        <fieldset>
          <legend>Set bands from your team</legend>
          {(Object.keys(BAND_FIT_METHOD_LABELS) as BandFitMethod[]).map((method) => (
            <label key={method} className="band-fit-method">
              <input type="radio" name="fit" value={method} defaultChecked={(proposal?.method ?? "range") === method} />
              {BAND_FIT_METHOD_LABELS[method]} <span className="muted">({METHOD_HINTS[method]})</span>
            </label>
          ))}
          <div className="button-row">
            <button type="submit" className="button button-light">
              Preview the bands
            </button>
          </div>
        </fieldset>
      </Form>

      {proposal ? (
        <div className="section" aria-labelledby="proposal-heading">
          <h3 id="proposal-heading">Proposed bands: {BAND_FIT_METHOD_WORDS[proposal.method]}</h3>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <p className="muted">
            {toSet.length === 0
              ? `No level has ${MIN_PEOPLE_FOR_TEAM_BAND} or more engineers to set a band from.`
              : `People out of band in the ${plural(toSet.length, "level", "levels")} to set: ${outNow} now, ${outAfter} after. `}
            Rounded to $1,000{wideSteps ? " ($5,000 where a level's pay spreads $100,000 or more)" : ""}: minimums down,
            maximums up, midpoints to the nearest. Nothing is saved until you press Save.
          </p>
          <BandPreviewTable levels={proposal.levels} />
          {proposal.notRising.length > 0 ? (
            <div className="warnings" role="note">
              <p>
                <strong>Not every band rises with the level.</strong> The team&apos;s pay does not allow it here: check
                these people&apos;s levels, or edit a band by hand after saving.
              </p>
              <ul>
                {proposal.notRising.map((pair) => (
                  <li key={`${pair.lowerId}-${pair.higherId}`}>
                    {notRisingWords(pair, bandOf)} See who is at{" "}
                    <Link to={`/team?level=${pair.lowerId}`}>{pair.lowerId}</Link> and{" "}
                    <Link to={`/team?level=${pair.higherId}`}>{pair.higherId}</Link>.
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="muted">Each band rises with the level.</p>
          )}
          <p className="muted">
            Everyone who can open Teamshape sees these bands (viewers&apos; costs are priced at their midpoints): a band
            shows roughly what a level&apos;s lowest, middle and highest paid earn, never who. Levels with fewer than{" "}
            {MIN_PEOPLE_FOR_TEAM_BAND} engineers keep their band.
          </p>
          {toSet.length > 0 && bands.saveFields ? (
            <Form method="post" className="button-row">
              {Object.entries(bands.saveFields).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <button type="submit" className="button">
                Save {plural(toSet.length, "band", "bands")}
              </button>
              <Link to="/ladder#bands" className="button button-light">
                Cancel
              </Link>
            </Form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
