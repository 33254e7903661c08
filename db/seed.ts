/**
 * The demo workspace a fresh install starts with: the default ladder (with plain-words summaries),
 * the default skills catalog, a realistic backend team of 15 engineers across L1-L5, and three
 * plans. Data and inserts only: `seedDemoWorkspace` (services/workspace.server.ts) runs it.
 */
import type { Kysely } from "kysely";
import { DEFAULT_SKILLS, recommendedLevels } from "../app/domain/ladder";
import type { Database } from "./schema";

export const LEVEL_SUMMARIES: Record<string, string> = {
  L1: "Learns the codebase and the team's ways of working. Delivers well-scoped tasks with guidance, asks for help early, and tests their own code.",
  L2: "Delivers features end to end with light guidance. Reviews peers' code, keeps the services they touch healthy, and designs clean APIs for their own work.",
  L3: "Owns features and services on their own, from design to production. Makes sensible trade-offs, ships and operates what they build, and starts mentoring juniors.",
  L4: "Designs large pieces of the system, leads technical projects across the team and mentors others. Anticipates how distributed systems fail and raises the bar in code review.",
  L5: "Sets technical direction across teams. Owns the architecture of critical systems, teaches system design and leadership, and makes every engineer around them more effective.",
};

type DemoEngineer = {
  name: string;
  level: string;
  salary: number;
  start: string;
  notes?: string;
  skills: Record<string, number>;
};

const DEMO_TEAM: DemoEngineer[] = [
  {
    name: "Maya Okafor",
    level: "L5",
    salary: 152_000,
    start: "2019-03-04",
    notes: "Tech lead for the payments platform.",
    skills: {
      "backend-languages": 4,
      "system-design": 4,
      "distributed-systems": 4,
      "cloud-platforms": 3,
      security: 3,
      performance: 3,
      messaging: 3,
      mentoring: 4,
      "technical-leadership": 4,
      "code-review": 4,
      "sql-databases": 3,
    },
  },
  {
    name: "Daniel Kim",
    level: "L4",
    salary: 136_000,
    start: "2020-06-15",
    skills: {
      "backend-languages": 4,
      "code-review": 4,
      "system-design": 3,
      "distributed-systems": 3,
      "cloud-platforms": 3,
      containers: 3,
      "ci-cd-devops": 3,
      caching: 3,
      mentoring: 3,
      "sql-databases": 3,
      performance: 3,
      security: 3,
      "technical-leadership": 3,
      messaging: 2,
      "nosql-databases": 2,
    },
  },
  {
    name: "Grace Liu",
    level: "L4",
    salary: 131_000,
    start: "2021-01-11",
    notes: "On-call lead; owns the incident process.",
    skills: {
      "backend-languages": 4,
      "code-review": 3,
      "system-design": 3,
      "cloud-platforms": 4,
      containers: 4,
      "ci-cd-devops": 4,
      security: 3,
      performance: 2,
      mentoring: 2,
      caching: 2,
      "sql-databases": 3,
    },
  },
  {
    name: "Omar Haddad",
    level: "L4",
    salary: 128_500,
    start: "2022-09-05",
    skills: {
      "backend-languages": 3,
      "code-review": 3,
      "system-design": 3,
      "distributed-systems": 2,
      "sql-databases": 4,
      "nosql-databases": 3,
      caching: 3,
      performance: 3,
      mentoring: 3,
      "api-design": 3,
    },
  },
  {
    name: "Priya Raman",
    level: "L3",
    salary: 127_000,
    start: "2021-08-02",
    notes: "Ready to lead the ledger rewrite.",
    skills: {
      "backend-languages": 4,
      "sql-databases": 3,
      "api-design": 3,
      testing: 3,
      "code-review": 4,
      "ci-cd-devops": 3,
      "system-design": 3,
      mentoring: 3,
      "technical-leadership": 3,
      caching: 3,
      containers: 3,
      "cloud-platforms": 3,
      security: 3,
      "distributed-systems": 3,
      performance: 3,
      messaging: 2,
      "nosql-databases": 2,
    },
  },
  {
    name: "Lucas Moreau",
    level: "L3",
    salary: 121_000,
    start: "2022-02-14",
    skills: {
      "backend-languages": 3,
      "sql-databases": 3,
      "api-design": 3,
      testing: 3,
      "code-review": 3,
      "ci-cd-devops": 3,
      "nosql-databases": 3,
      messaging: 2,
      caching: 2,
      containers: 2,
      "cloud-platforms": 2,
      security: 2,
      "system-design": 2,
      mentoring: 2,
    },
  },
  {
    name: "Elena Petrova",
    level: "L3",
    salary: 118_500,
    start: "2023-04-17",
    skills: {
      "backend-languages": 3,
      "sql-databases": 3,
      "api-design": 3,
      testing: 4,
      "code-review": 3,
      "ci-cd-devops": 2,
      security: 3,
      containers: 2,
      "cloud-platforms": 2,
      caching: 1,
      "system-design": 2,
      mentoring: 2,
    },
  },
  {
    name: "James Whitfield",
    level: "L3",
    salary: 124_000,
    start: "2020-11-30",
    skills: {
      "backend-languages": 3,
      "sql-databases": 4,
      "api-design": 3,
      testing: 3,
      "code-review": 3,
      "ci-cd-devops": 3,
      "cloud-platforms": 3,
      containers: 3,
      caching: 2,
      security: 2,
      "system-design": 2,
      mentoring: 2,
      performance: 2,
    },
  },
  {
    name: "Sofia Alvarez",
    level: "L2",
    salary: 114_000,
    start: "2023-01-09",
    notes: "Asked about the path to mid-level.",
    skills: {
      "backend-languages": 3,
      testing: 3,
      "sql-databases": 3,
      "api-design": 3,
      "ci-cd-devops": 3,
      "code-review": 3,
      containers: 2,
      "cloud-platforms": 2,
      security: 2,
      caching: 2,
      "system-design": 2,
      mentoring: 1,
    },
  },
  {
    name: "Tom Becker",
    level: "L2",
    salary: 108_500,
    start: "2024-03-04",
    skills: {
      "backend-languages": 3,
      testing: 2,
      "sql-databases": 3,
      "api-design": 2,
      "ci-cd-devops": 2,
      "code-review": 2,
    },
  },
  {
    name: "Aiko Tanaka",
    level: "L2",
    salary: 111_000,
    start: "2023-09-18",
    skills: {
      "backend-languages": 3,
      testing: 3,
      "sql-databases": 2,
      "api-design": 2,
      "ci-cd-devops": 1,
      "code-review": 2,
      "cloud-platforms": 2,
    },
  },
  {
    name: "Chidi Okeke",
    level: "L2",
    salary: 106_500,
    start: "2024-07-01",
    skills: {
      "backend-languages": 2,
      testing: 2,
      "sql-databases": 3,
      "api-design": 2,
      "ci-cd-devops": 2,
      "code-review": 1,
      "nosql-databases": 2,
    },
  },
  {
    name: "Aisha Bello",
    level: "L1",
    salary: 99_000,
    start: "2025-02-03",
    skills: {
      "backend-languages": 3,
      testing: 3,
      "sql-databases": 3,
      "api-design": 2,
      "ci-cd-devops": 2,
      "code-review": 2,
    },
  },
  {
    name: "Mateo Silva",
    level: "L1",
    salary: 101_500,
    start: "2025-06-16",
    skills: { "backend-languages": 2, testing: 2, "sql-databases": 2, "api-design": 1 },
  },
  {
    name: "Hannah Cohen",
    level: "L1",
    salary: 97_000,
    start: "2026-01-12",
    notes: "Graduate hire; pairing with Omar.",
    skills: { "backend-languages": 2, testing: 1, "sql-databases": 1 },
  },
];

/**
 * Inserts the default ladder, with the recommended hiring figures (MODEL.md section 7), and the
 * skills catalog (levels and skills must be empty).
 */
export async function seedLadder(db: Kysely<Database>, now: string): Promise<void> {
  await db
    .insertInto("skill")
    .values(DEFAULT_SKILLS.map((skill, position) => ({ id: skill.id, name: skill.name, position })))
    .execute();
  for (const [position, level] of recommendedLevels().entries()) {
    await db
      .insertInto("level")
      .values({
        id: level.id,
        position,
        title: level.title,
        class: level.class,
        years: level.years,
        summary: LEVEL_SUMMARIES[level.id] ?? "",
        band_min: level.band.min,
        band_mid: level.band.mid,
        band_max: level.band.max,
        output: level.output,
        ramp_months: level.rampMonths,
        annual_attrition: level.annualAttrition,
        annual_promotion: level.annualPromotion,
        mentor_hours: level.mentorHours,
        mentee_hours: level.menteeHours,
        time_to_fill_months: level.timeToFillMonths ?? 0,
        interview_hours: level.interviewHours ?? 0,
        updated_at: now,
      })
      .execute();
    const expectations = Object.entries(level.expectations);
    if (expectations.length > 0) {
      await db
        .insertInto("level_expectation")
        .values(expectations.map(([skill_id, proficiency]) => ({ level_id: level.id, skill_id, proficiency })))
        .execute();
    }
  }
}

/**
 * The demo org's three teams, with an imbalance the org view hides: 7 juniors to 4 seniors is in
 * band overall, while Mobile has three juniors and no senior to mentor them.
 */
export const DEMO_TEAMS: Record<string, string[]> = {
  Payments: ["Maya Okafor", "Daniel Kim", "Priya Raman", "Lucas Moreau", "Sofia Alvarez", "Aisha Bello"],
  Platform: ["Grace Liu", "Omar Haddad", "Elena Petrova", "James Whitfield", "Tom Becker", "Aiko Tanaka"],
  Mobile: ["Chidi Okeke", "Mateo Silva", "Hannah Cohen"],
};

/** Inserts the demo teams, then the demo engineers in them with their skills. */
export async function seedDemoTeam(db: Kysely<Database>, now: string): Promise<void> {
  const teamOf = new Map<string, number>();
  for (const [name, members] of Object.entries(DEMO_TEAMS)) {
    const { id } = await db
      .insertInto("team")
      .values({ name, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const member of members) teamOf.set(member, id);
  }
  for (const engineer of DEMO_TEAM) {
    const { id } = await db
      .insertInto("engineer")
      .values({
        name: engineer.name,
        level_id: engineer.level,
        team_id: teamOf.get(engineer.name)!,
        salary: engineer.salary,
        start_date: engineer.start,
        notes: engineer.notes ?? "",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("engineer_skill")
      .values(
        Object.entries(engineer.skills).map(([skill_id, proficiency]) => ({ engineer_id: id, skill_id, proficiency })),
      )
      .execute();
  }
}

/**
 * Three ready-made plans on the demo team, so a newcomer sees a comparison at once: the same
 * budget question answered three ways over two years. The workspace service saves them as
 * scenarios from the seeded roster.
 */
const NO_PROGRAM = { mentorship: { program: false, retentionEffect: 0.4 } };
/** The demo's scenarios; a hire's `team` is a demo team's name. */
export const DEMO_PLANS = [
  {
    name: "Hire 4 juniors",
    description:
      "Four junior engineers join Platform in month 2, with no formal mentoring program: the cheapest way to add hands.",
    plan: [{ type: "hire" as const, level: "L1", count: 4, month: 2, team: "Platform" }],
    assumptions: NO_PROGRAM,
  },
  {
    name: "Hire 2 seniors",
    description:
      "Two senior engineers join Mobile in month 2, with no formal mentoring program: capacity sooner, at a higher salary, and seniors for Mobile's juniors.",
    plan: [{ type: "hire" as const, level: "L4", count: 2, month: 2, team: "Mobile" }],
    assumptions: NO_PROGRAM,
  },
  {
    name: "Balanced: 2 juniors + 1 senior, with a mentoring program",
    description:
      "Two juniors join Payments and one senior joins Mobile in month 2, and a mentoring program keeps more juniors (40% at full coverage).",
    plan: [
      { type: "hire" as const, level: "L1", count: 2, month: 2, team: "Payments" },
      { type: "hire" as const, level: "L4", count: 1, month: 2, team: "Mobile" },
    ],
    assumptions: { mentorship: { program: true, retentionEffect: 0.4 } },
  },
];

/** The demo workspace's row, ladder and team (the tables must be empty). */
export async function seedDemoRows(db: Kysely<Database>, now: string): Promise<void> {
  await db
    .insertInto("workspace")
    .values({ id: 1, name: "Backend team", is_demo: 1, assumptions: null, created_at: now, updated_at: now })
    .execute();
  await seedLadder(db, now);
  await seedDemoTeam(db, now);
}
