import { Link } from "@remix-run/react";
import { MIN_PEOPLE_FOR_TEAM_BAND } from "~/domain";
import type { NeedsAttention as NeedsAttentionData } from "~/utils/needs-attention";

interface Item {
  id: string;
  count: number;
  text: string;
  detail?: string;
  to: string;
  action: string;
  tone: "warn" | "bad";
}

const noun = (n: number, one: string, many: string) => (n === 1 ? one : many);
const names = (list: { name: string }[]) => list.map((t) => t.name).join(", ");

/** The panel's lines, the ones about money first; only those with something to count. */
function itemsOf(data: NeedsAttentionData, canEdit: boolean): Item[] {
  const items: Item[] = [];
  const out = data.outOfBand ? data.outOfBand.below + data.outOfBand.above : 0;
  if (data.outOfBand && out > 0)
    items.push({
      id: "out-of-band",
      count: out,
      text: `${noun(out, "person", "people")} paid outside their level's band`,
      detail: [
        data.outOfBand.above > 0 ? `${data.outOfBand.above} above` : "",
        data.outOfBand.below > 0 ? `${data.outOfBand.below} below` : "",
      ]
        .filter(Boolean)
        .join(", "),
      to: "/ladder#bands",
      action: "See the bands",
      tone: "bad",
    });
  const levels = data.levelsOnDefaultBands;
  // Set from the team where a level has people enough; by hand where none has.
  const byHand = levels.every((l) => l.people < MIN_PEOPLE_FOR_TEAM_BAND);
  if (levels.length > 0)
    items.push({
      id: "default-bands",
      count: levels.length,
      text: `${noun(levels.length, "level", "levels")} still on the starting salary ${noun(levels.length, "band", "bands")}, not your team's`,
      detail: `${levels.map((l) => l.id).join(", ")}: hires and backfills are priced at ${noun(levels.length, "it", "them")}`,
      to: !canEdit ? "/ladder" : byHand && levels.length === 1 ? `/ladder/${levels[0]!.id}/edit` : "/ladder#bands",
      action: !canEdit
        ? "See the ladder"
        : byHand
          ? `Set ${noun(levels.length, "it", "them")} by hand`
          : "Set bands from your team",
      tone: "warn",
    });
  if (data.teamsWithoutSenior.length > 0)
    items.push({
      id: "no-senior",
      count: data.teamsWithoutSenior.length,
      text: `${noun(data.teamsWithoutSenior.length, "team", "teams")} with no senior`,
      detail: names(data.teamsWithoutSenior),
      to: "/teams",
      action: "See the teams",
      tone: "bad",
    });
  if (data.teamsShortOfMentoring.length > 0)
    items.push({
      id: "mentoring",
      count: data.teamsShortOfMentoring.length,
      text: `${noun(data.teamsShortOfMentoring.length, "team", "teams")} short of mentoring`,
      detail: names(data.teamsShortOfMentoring),
      to: "/teams",
      action: "See the teams",
      tone: "warn",
    });
  if (data.thinSkills > 0)
    items.push({
      id: "thin-skills",
      count: data.thinSkills,
      text: `${noun(data.thinSkills, "skill", "skills")} with one owner or none`,
      to: "#thin-skills",
      action: "See which",
      tone: "warn",
    });
  if (data.readyForPromotion > 0)
    items.push({
      id: "ready",
      count: data.readyForPromotion,
      text: `${noun(data.readyForPromotion, "person", "people")} ready for promotion`,
      to: "#ready-for-promotion",
      action: "See who",
      tone: "warn",
    });
  return items;
}

/** The dashboard's "Needs attention" panel: a count per problem and where to fix it. */
export function NeedsAttention({ data, canEdit }: { data: NeedsAttentionData; canEdit: boolean }) {
  const items = itemsOf(data, canEdit);
  return (
    <section className="card section attention" aria-labelledby="attention-heading">
      <h2 id="attention-heading">Needs attention</h2>
      {items.length === 0 ? (
        <p className="empty">Nothing needs attention.</p>
      ) : (
        <ul className="list-plain">
          {items.map((item) => (
            <li key={item.id} id={`attention-${item.id}`}>
              <span>
                <span className={`pill ${item.tone} attention-count`}>{item.count}</span> {item.text}
                {item.detail ? <span className="muted">: {item.detail}</span> : null}
              </span>
              {item.to.startsWith("#") ? <a href={item.to}>{item.action}</a> : <Link to={item.to}>{item.action}</Link>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
