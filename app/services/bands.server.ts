/**
 * Salary bands against the team (issue 14): how many engineers sit below, in and above each
 * level's band, and "Set bands from your team". Planners only: whether someone is out of a
 * published band says something about their pay.
 */
import {
  BAND_FIT_METHOD_WORDS,
  countByBandPosition,
  outOfBand,
  proposeBands,
  type BandCounts,
  type BandFitLevel,
  type BandFitMethod,
  type BandFitProposal,
  type BandSource,
  type SalaryBand,
} from "~/domain";
import type { LevelChanges } from "~/forms/level";
import type { ShownBands } from "~/forms/band-fit";
import { inTransaction, type DB } from "~/utils/db.server";
import { SYSTEM } from "./auth.server";
import type { Change } from "./changes.server";
import { listEngineers } from "./engineers.server";
import { listLevels, updateLevel, type LadderLevel } from "./ladder.server";

export interface LevelBandCounts {
  id: string;
  title: string;
  band: SalaryBand;
  bandSource: BandSource;
  people: number;
  counts: BandCounts;
}

export interface LadderBands {
  levels: LevelBandCounts[];
  /** Engineers outside their level's band, over the whole ladder. */
  outOfBand: number;
  /** The proposal asked for, or null. */
  proposal: BandFitProposal | null;
  /** Each level's version, for the save form. */
  versions: Map<string, number>;
}

async function salariesByLevel(db: DB): Promise<Map<string, number[]>> {
  const salaries = new Map<string, number[]>();
  for (const e of await listEngineers(db)) salaries.set(e.levelId, [...(salaries.get(e.levelId) ?? []), e.salary]);
  return salaries;
}

/** Each level's band against its engineers' salaries, and with `method` the bands fitted to them. */
export async function getLadderBands(db: DB, { method }: { method: BandFitMethod | null }): Promise<LadderBands> {
  const [levels, salaries] = await Promise.all([listLevels(db), salariesByLevel(db)]);
  const counted = levels.map(({ id, title, band, bandSource }) => {
    const pay = salaries.get(id) ?? [];
    return { id, title, band, bandSource, people: pay.length, counts: countByBandPosition(pay, band) };
  });
  return {
    levels: counted,
    outOfBand: counted.reduce((n, l) => n + outOfBand(l.counts), 0),
    proposal: method ? proposeBands({ levels, salaries, method }) : null,
    versions: new Map(levels.map((l) => [l.id, l.version])),
  };
}

function changesWithBand(level: LadderLevel, band: SalaryBand): LevelChanges {
  const { id: _id, position: _position, version: _version, bandSource: _source, ...changes } = level;
  return { ...changes, band };
}

export type BandsSaved =
  | { ok: true; set: BandFitLevel[]; kept: BandFitLevel[] }
  /** The team or the ladder changed after the preview: the bands now proposed are not the ones shown. */
  | { ok: false; reason: "changed" };

const sameBand = (a: SalaryBand, b: SalaryBand) => a.min === b.min && a.mid === b.mid && a.max === b.max;

/**
 * Sets every level's band from its engineers' salaries by `method`, in one transaction, each level
 * audited as `updateLevel` audits it, with its band source "team". `shown` is what the preview
 * showed; when the proposal worked out now differs from it, nothing is written.
 */
export async function setBandsFromTeam(
  db: DB,
  {
    method,
    shown,
    actor = SYSTEM,
    now = new Date().toISOString(),
  }: { method: BandFitMethod; shown: ShownBands } & Change,
): Promise<BandsSaved> {
  return inTransaction(db, async (trx) => {
    const [levels, salaries] = await Promise.all([listLevels(trx), salariesByLevel(trx)]);
    const proposal = proposeBands({ levels, salaries, method });
    const set = proposal.levels.filter((l) => l.proposed);
    const kept = proposal.levels.filter((l) => !l.proposed);
    const byId = new Map(levels.map((l) => [l.id, l]));
    const asShown =
      set.length === Object.keys(shown).length &&
      set.every((l) => {
        const seen = shown[l.id];
        return seen !== undefined && seen.version === byId.get(l.id)!.version && sameBand(seen.band, l.proposed!);
      });
    if (!asShown) return { ok: false, reason: "changed" };
    for (const fitted of set) {
      const level = byId.get(fitted.id)!;
      const saved = await updateLevel(trx, {
        id: level.id,
        changes: changesWithBand(level, fitted.proposed!),
        expectedVersion: level.version,
        bandSource: "team",
        note: `set from ${fitted.people} engineers' salaries (${BAND_FIT_METHOD_WORDS[method]})`,
        actor,
        now,
      });
      // Nobody else can write inside this transaction: a refusal here is a bug, and undoes the lot.
      if (!saved.ok) throw new Error(`Level ${level.id} could not be saved: ${saved.reason}`);
    }
    return { ok: true, set, kept };
  });
}
