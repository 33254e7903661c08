/**
 * The roster page's search, filters, sort and page, kept in its URL (`/team?q=&team=&level=&skill=&sort=&dir=&page=&size=`)
 * so a view can be shared and the server sends only the rows on screen. Bad or unknown values fall
 * back to the defaults: a filter link should never fail.
 */
import { OWNER_PROFICIENCY, type BandPosition, type SkillMap } from "~/domain";

export interface RosterRow {
  id: number;
  name: string;
  levelId: string;
  levelTitle: string;
  levelPosition: number;
  teamId: number;
  teamName: string;
  /** Null for viewers, who never see an individual salary. */
  salary: number | null;
  band: BandPosition | null;
  startDate: string;
  notes: string;
  skills: SkillMap;
  /** Names of the skills held at 3+ (can own it). */
  owned: string[];
}

export const ROSTER_SORTS = ["name", "team", "level", "salary", "startDate", "owned", "notes"] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

export interface RosterQuery {
  /** Text found in a name, the notes or an owned skill's name. */
  q: string;
  /** A team id, or "" for all. */
  team: string;
  /** A level id, or "" for all. */
  level: string;
  /** A skill id the engineer owns (3+), or "" for any. */
  skill: string;
  sort: RosterSort;
  desc: boolean;
  /** From 1. */
  page: number;
  size: number;
}

export const DEFAULT_ROSTER_QUERY: RosterQuery = {
  q: "",
  team: "",
  level: "",
  skill: "",
  sort: "level",
  desc: true,
  page: 1,
  size: PAGE_SIZES[0],
};

export const isRosterSort = (id: string | null): id is RosterSort =>
  (ROSTER_SORTS as readonly (string | null)[]).includes(id);

/** Whether the order is the default one (most senior first), which the URL leaves out. */
export const isDefaultSort = (query: Pick<RosterQuery, "sort" | "desc">) =>
  query.sort === DEFAULT_ROSTER_QUERY.sort && query.desc === DEFAULT_ROSTER_QUERY.desc;

/**
 * Reads the query from a URL's parameters. A level or skill the ladder does not have is no filter
 * (rather than an empty page under a menu that says "All levels"). Without salaries (viewers),
 * sorting by salary is ignored, since the order would rank people's pay.
 */
export function readRosterQuery(
  params: URLSearchParams,
  {
    salaries,
    levels,
    skills,
    teams = [],
  }: {
    salaries: boolean;
    levels: readonly { id: string }[];
    skills: readonly { id: string }[];
    teams?: readonly { id: number }[];
  },
): RosterQuery {
  const text = (name: string, max: number) => (params.get(name) ?? "").trim().slice(0, max);
  const asked = params.get("sort");
  const sort = isRosterSort(asked) && (salaries || asked !== "salary") ? asked : undefined;
  const size = PAGE_SIZES.find((s) => String(s) === params.get("size")) ?? DEFAULT_ROSTER_QUERY.size;
  const page = Number(params.get("page"));
  return {
    q: text("q", 200),
    team: teams.some((t) => String(t.id) === params.get("team")) ? params.get("team")! : "",
    level: levels.some((l) => l.id === params.get("level")) ? params.get("level")! : "",
    skill: skills.some((s) => s.id === params.get("skill")) ? params.get("skill")! : "",
    sort: sort ?? DEFAULT_ROSTER_QUERY.sort,
    desc: sort ? params.get("dir") !== "asc" : DEFAULT_ROSTER_QUERY.desc,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    size,
  };
}

/**
 * The URL search for `query` with `change` applied, leaving out defaults. Changing what is shown
 * (search, filters, sort, page size) goes back to the first page.
 */
export function rosterSearch(query: RosterQuery, change: Partial<RosterQuery> = {}): string {
  const next = { ...query, ...change };
  if (!("page" in change)) next.page = 1;
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.team) params.set("team", next.team);
  if (next.level) params.set("level", next.level);
  if (next.skill) params.set("skill", next.skill);
  if (!isDefaultSort(next)) {
    params.set("sort", next.sort);
    params.set("dir", next.desc ? "desc" : "asc");
  }
  if (next.size !== DEFAULT_ROSTER_QUERY.size) params.set("size", String(next.size));
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** How a column sorts when first chosen: numbers highest first, text from A. */
const FIRST_DESC: Record<RosterSort, boolean> = {
  name: false,
  team: false,
  level: true,
  salary: true,
  startDate: false,
  owned: true,
  notes: false,
};

/** What choosing column `sort` does: the other way round if it is the sort already, else its first way. */
export function sortBy(query: RosterQuery, sort: RosterSort): Pick<RosterQuery, "sort" | "desc"> {
  return { sort, desc: query.sort === sort ? !query.desc : FIRST_DESC[sort] };
}

const byText = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

const COMPARE: Record<RosterSort, (a: RosterRow, b: RosterRow) => number> = {
  name: (a, b) => byText.compare(a.name, b.name),
  team: (a, b) => byText.compare(a.teamName, b.teamName),
  level: (a, b) => a.levelPosition - b.levelPosition,
  salary: (a, b) => (a.salary ?? 0) - (b.salary ?? 0),
  startDate: (a, b) => a.startDate.localeCompare(b.startDate),
  owned: (a, b) => a.owned.length - b.owned.length,
  notes: (a, b) => byText.compare(a.notes, b.notes),
};

export interface RosterPage {
  rows: RosterRow[];
  /** Engineers that pass the search and filters, on every page. */
  matched: number;
  /** The page shown: the one asked for, or the last one if it asked past the end. */
  page: number;
  pageCount: number;
}

/** The rows that pass the search and filters, in the chosen order (ties by name), cut to the page. */
export function pageOfRoster(rows: readonly RosterRow[], query: RosterQuery): RosterPage {
  const needle = query.q.toLowerCase();
  const matching = rows.filter(
    (r) =>
      (!query.team || String(r.teamId) === query.team) &&
      (!query.level || r.levelId === query.level) &&
      (!query.skill || (r.skills[query.skill] ?? 0) >= OWNER_PROFICIENCY) &&
      (!needle ||
        r.name.toLowerCase().includes(needle) ||
        r.notes.toLowerCase().includes(needle) ||
        r.owned.some((skill) => skill.toLowerCase().includes(needle))),
  );
  const direction = query.desc ? -1 : 1;
  const compare = COMPARE[query.sort];
  matching.sort((a, b) => direction * compare(a, b) || COMPARE.name(a, b) || a.id - b.id);
  const pageCount = Math.max(1, Math.ceil(matching.length / query.size));
  const page = Math.min(query.page, pageCount);
  return {
    rows: matching.slice((page - 1) * query.size, page * query.size),
    matched: matching.length,
    page,
    pageCount,
  };
}
