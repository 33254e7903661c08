import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TeamEntry } from "~/domain";
import { packTeam, sendApart, unpackTeam, withTeam } from "~/utils/packed-team";

fc.configureGlobal({ seed: 20261203, numRuns: 200 });

const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 });
/** Team entries with every field the document allows, each optional one sometimes left out. */
const entry: fc.Arbitrary<TeamEntry> = fc.record(
  {
    id: text,
    name: text,
    level: fc.constantFrom("L1", "L2", 'say "senior"', "tab\there"),
    count: fc.integer({ min: 0, max: 1_000 }),
    salary: fc.double({ min: 1, max: 5_000_000, noNaN: true }),
    skills: fc.dictionary(text, fc.integer({ min: 0, max: 4 }), { maxKeys: 6 }),
    team: text,
    tenureMonths: fc.integer({ min: 0, max: 600 }),
  },
  { requiredKeys: ["level", "salary"] },
) as fc.Arbitrary<TeamEntry>;

describe("the scenario page's packed team", () => {
  it("unpacks to the same team, entry for entry, with the same fields in the same order", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (team) => {
        const unpacked = unpackTeam(packTeam(team));
        expect(unpacked).toEqual(team);
        expect(unpacked.map((e) => Object.keys(e))).toEqual(team.map((e) => Object.keys(e)));
        expect(JSON.stringify(unpacked)).toBe(JSON.stringify(team));
      }),
    );
  });

  it("keeps an entry with no skills apart from one whose skills are empty (it owns nothing)", () => {
    const team: TeamEntry[] = [
      { level: "L1", count: 1, salary: 100_000 },
      { level: "L1", count: 1, salary: 100_000, skills: {} },
    ];
    const [none, empty] = unpackTeam(packTeam(team));
    expect("skills" in none!).toBe(false);
    expect(empty!.skills).toEqual({});
  });

  it("sends a scenario apart from its team and puts them back together, the same object each time", () => {
    const team: TeamEntry[] = [{ id: "ana", name: "Ana", level: "L2", count: 1, salary: 120_000, skills: { api: 3 } }];
    const scenario = { name: "Plan", team };
    const sent = sendApart(scenario);
    expect(sent.scenario).toEqual({ name: "Plan" });
    expect(withTeam(sent.scenario, sent.team)).toEqual(scenario);
    // The page's caches are keyed on the document: a second page view must find the same one.
    expect(withTeam(sendApart(scenario).scenario, sendApart(scenario).team)).toBe(withTeam(sent.scenario, sent.team));
  });
});
