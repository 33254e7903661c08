import { beforeEach, describe, expect, it } from "vitest";
import { action as newEngineerAction } from "~/routes/team.new";
import { action as editEngineerAction, loader as editEngineerLoader } from "~/routes/team.$engineerId.edit";
import { action as engineerAction, loader as engineerLoader } from "~/routes/team.$engineerId._index";
import { loader as teamLoader } from "~/routes/team._index";
import { createEngineer, getEngineer, listEngineers } from "~/services/engineers.server";
import { getDb } from "~/utils/db.server";
import { dataOf, formRequest, getRequest, routeArgs, thrownResponse } from "../setup/requests";

const valid = {
  name: "Noor Haddad",
  levelId: "L3",
  salary: "$121,500",
  startDate: "2026-09-01",
  notes: "Joined from the data team.",
};

async function engineerCount() {
  return (await listEngineers(await getDb())).length;
}

describe("adding an engineer", () => {
  it("creates the engineer from what a person types and opens their page", async () => {
    const before = await engineerCount();
    const response = (await newEngineerAction(routeArgs(formRequest("/team/new", valid)))) as Response;
    expect(response.status).toBe(302);
    const id = Number(/\/team\/(\d+)/.exec(response.headers.get("Location")!)![1]);
    const saved = await getEngineer(await getDb(), { id });
    expect(saved).toMatchObject({
      name: "Noor Haddad",
      levelId: "L3",
      salary: 121_500,
      startDate: "2026-09-01",
      notes: "Joined from the data team.",
    });
    expect(await engineerCount()).toBe(before + 1);
  });

  it.each([
    ["an empty name", { name: "  " }, "name", "Enter a name"],
    ["a salary that is not a number", { salary: "abc" }, "salary", "Salary must be a number of dollars"],
    ["a negative salary", { salary: "-5000" }, "salary", "Salary must be more than 0"],
    ["a zero salary", { salary: "0" }, "salary", "Salary must be more than 0"],
    ["an unknown level", { levelId: "L9" }, "levelId", 'Unknown level "L9"'],
    ["a date that does not exist", { startDate: "2026-02-30" }, "startDate", "That date does not exist"],
    ["a date in the wrong form", { startDate: "next week" }, "startDate", "Enter a date like 2026-03-01"],
  ])("refuses %s, names the field, keeps the input and writes nothing", async (_, change, field, message) => {
    const before = await engineerCount();
    const fields = { ...valid, ...change };
    const { data, status } = dataOf<{ errors: Record<string, string>; values: Record<string, string> }>(
      await newEngineerAction(routeArgs(formRequest("/team/new", fields))),
    );
    expect(status).toBe(400);
    expect(data.errors[field]).toContain(message);
    expect(data.values).toMatchObject(fields);
    expect(await engineerCount()).toBe(before);
  });
});

describe("an engineer's page", () => {
  let id: number;
  beforeEach(async () => {
    id = await createEngineer(await getDb(), {
      input: { name: "Sofia Alvarez", levelId: "L2", salary: 114_000, startDate: "2023-01-09", notes: "" },
      skills: {
        "backend-languages": 3,
        testing: 3,
        "sql-databases": 3,
        "api-design": 3,
        "ci-cd-devops": 3,
        "code-review": 3,
        security: 2,
      },
    });
  });

  it("shows salary, band and promotion readiness from the ladder", async () => {
    const page = await engineerLoader(routeArgs(getRequest(`/team/${id}`), { engineerId: String(id) }));
    expect(page.engineer.name).toBe("Sofia Alvarez");
    const next = page.levels.find((l) => l.id === "L3")!;
    const expected = Object.entries(next.expectations).filter(([, p]) => p > 0);
    const met = expected.filter(([skill, p]) => (page.engineer.skills[skill] ?? 0) >= p).length;
    expect(page.readiness).toMatchObject({ nextLevelId: "L3", metSkills: met, expectedSkills: expected.length });
    expect(page.readiness!.ready).toBe(met / expected.length >= 0.8);
  });

  it("saves skills and refuses a proficiency outside 0-4 without writing anything", async () => {
    const db = await getDb();
    const before = (await getEngineer(db, { id }))!.skills;
    const bad = dataOf<{ errors: Record<string, string> }>(
      await engineerAction(
        routeArgs(formRequest(`/team/${id}`, { intent: "skills", "skill.testing": "4", "skill.security": "7" }), {
          engineerId: String(id),
        }),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors["skill.security"]).toBe("Choose a proficiency from 0 to 4");
    expect((await getEngineer(db, { id }))!.skills).toEqual(before);

    const version = String((await getEngineer(db, { id }))!.version);
    await engineerAction(
      routeArgs(
        formRequest(`/team/${id}`, { intent: "skills", "skill.testing": "4", "skill.security": "3", version }),
        { engineerId: String(id) },
      ),
    );
    const after = (await getEngineer(db, { id }))!.skills;
    expect(after).toEqual({ testing: 4, security: 3 });
    expect(after).not.toEqual(before);
  });

  it("edits details with the same validation as adding", async () => {
    const bad = dataOf<{ errors: Record<string, string> }>(
      await editEngineerAction(
        routeArgs(formRequest(`/team/${id}/edit`, { ...valid, name: "" }), { engineerId: String(id) }),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors.name).toBe("Enter a name");
    expect((await getEngineer(await getDb(), { id }))!.name).toBe("Sofia Alvarez");

    const version = String((await getEngineer(await getDb(), { id }))!.version);
    const ok = (await editEngineerAction(
      routeArgs(formRequest(`/team/${id}/edit`, { ...valid, name: "Sofía Álvarez", salary: "118k", version }), {
        engineerId: String(id),
      }),
    )) as Response;
    expect(ok.status).toBe(302);
    expect(await getEngineer(await getDb(), { id })).toMatchObject({ name: "Sofía Álvarez", salary: 118_000 });
  });

  it("deletes the engineer and their skills", async () => {
    const response = (await engineerAction(
      routeArgs(formRequest(`/team/${id}`, { intent: "delete" }), { engineerId: String(id) }),
    )) as Response;
    expect(response.headers.get("Location")).toContain("/team?deleted=");
    expect(await getEngineer(await getDb(), { id })).toBeUndefined();
    const skillsLeft = await (
      await getDb()
    )
      .selectFrom("engineer_skill")
      .selectAll()
      .where("engineer_id", "=", id)
      .execute();
    expect(skillsLeft).toEqual([]);
  });

  it.each(["999999", "abc", "-1", "1.5"])("answers 404 for engineer id %j", async (engineerId) => {
    expect(
      (await thrownResponse(() => engineerLoader(routeArgs(getRequest(`/team/${engineerId}`), { engineerId })))).status,
    ).toBe(404);
    expect(
      (
        await thrownResponse(() =>
          editEngineerLoader(routeArgs(getRequest(`/team/${engineerId}/edit`), { engineerId })),
        )
      ).status,
    ).toBe(404);
  });
});

describe("the roster", () => {
  const roster = (search = "", as: "admin" | "viewer" = "admin") =>
    teamLoader(routeArgs(getRequest(`/team${search}`, { as })));

  it("lists every engineer once across its pages, with their level, band position and owned skills", async () => {
    const engineers = await listEngineers(await getDb());
    const first = await roster("?size=50");
    expect(first.total).toBe(engineers.length);
    expect(first.pageCount).toBe(Math.ceil(engineers.length / 50));
    const seen = [];
    for (let page = 1; page <= first.pageCount; page++) {
      const { rows, query } = await roster(`?size=50&page=${page}`);
      expect(query.page).toBe(page);
      expect(rows.length).toBeLessThanOrEqual(50);
      seen.push(...rows);
    }
    expect(seen.map((r) => r.id).sort((a, b) => a - b)).toEqual(engineers.map((e) => e.id).sort((a, b) => a - b));
    for (const row of seen) {
      const engineer = engineers.find((e) => e.id === row.id)!;
      expect(row.owned.length).toBe(Object.values(engineer.skills).filter((p) => p >= 3).length);
    }
  });

  it("sends only the page on screen, 25 rows by default, most senior first", async () => {
    const db = await getDb();
    for (let i = 0; i < 30; i++)
      await createEngineer(db, { input: { ...valid, name: `Paged Engineer ${i}`, salary: 100_000 + i } });
    const { rows, total, query } = await roster();
    expect(total).toBeGreaterThan(25);
    expect(rows).toHaveLength(25);
    expect(query).toMatchObject({ sort: "level", desc: true, page: 1, size: 25 });
    const positions = rows.map((r) => r.levelPosition);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
  });

  it("searches names, notes and skills, filters by level and owned skill, and sorts by salary either way", async () => {
    const db = await getDb();
    for (const name of ["Searched Sam", "Searched Sasha", "Other Olu"])
      await createEngineer(db, {
        input: { ...valid, name, salary: 115_000, notes: name === "Other Olu" ? "pairs with searched people" : "" },
      });
    const found = await roster("?q=SEARCHED&size=100");
    expect(found.rows.map((r) => r.name).sort()).toEqual(["Other Olu", "Searched Sam", "Searched Sasha"]);
    expect(found.matched).toBe(3);

    const l3 = await roster("?level=L3&size=100");
    expect(l3.rows.length).toBeGreaterThan(0);
    expect(l3.rows.every((r) => r.levelId === "L3")).toBe(true);

    const engineers = await listEngineers(await getDb());
    const skill = Object.keys(engineers.find((e) => Object.values(e.skills).some((p) => p >= 3))!.skills)[0]!;
    const owners = await roster(`?skill=${skill}&size=100`);
    expect(owners.matched).toBe(engineers.filter((e) => (e.skills[skill] ?? 0) >= 3).length);

    const highest = (await roster("?sort=salary&dir=desc")).rows.map((r) => r.salary!);
    expect(highest[0]).toBe(Math.max(...engineers.map((e) => e.salary)));
    expect(highest).toEqual([...highest].sort((a, b) => b - a));
    const lowest = (await roster("?sort=salary&dir=asc")).rows.map((r) => r.salary!);
    expect(lowest[0]).toBe(Math.min(...engineers.map((e) => e.salary)));
  });

  it("shows the last page for a page past the end, and the defaults for values it does not know", async () => {
    const past = await roster("?page=9999");
    expect(past.query.page).toBe(past.pageCount);
    expect(past.rows.length).toBeGreaterThan(0);
    const odd = await roster("?sort=password&dir=up&size=7&page=-3&level=L99&skill=juggling");
    expect(odd.query).toMatchObject({ sort: "level", desc: true, size: 25, page: 1, level: "", skill: "" });
    expect(odd.matched).toBe(odd.total);
  });

  it("never lets a viewer order or find people by salary", async () => {
    const ids = async (search: string) => (await roster(search, "viewer")).rows.map((r) => r.id);
    const unsorted = await ids("?size=100");
    expect(await ids("?size=100&sort=salary&dir=desc")).toEqual(unsorted);
    expect(await ids("?size=100&sort=salary&dir=asc")).toEqual(unsorted);
    const viewer = await roster("?size=100", "viewer");
    expect(viewer.rows.every((r) => r.salary === null && r.band === null)).toBe(true);
    // Searching for a salary figure finds no one, so counts cannot give pay away either.
    const salary = (await listEngineers(await getDb()))[0]!.salary;
    expect((await roster(`?q=${salary}`, "viewer")).matched).toBe(0);
    expect((await roster(`?q=${salary.toLocaleString("en-US")}`, "viewer")).matched).toBe(0);
  });
});
