import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as usersAction } from "~/routes/admin._index";
import { action as editEngineerAction } from "~/routes/team.$engineerId.edit";
import { action as scenarioAction } from "~/routes/scenarios.$scenarioId";
import { listAudit } from "~/services/audit.server";
import {
  DELAY_AFTER_FAILURES,
  delaySeconds,
  getUser,
  resetSignInLimits,
  SIGN_IN_LIMITS,
  WRONG_CREDENTIALS,
} from "~/services/auth.server";
import { createEngineer, getEngineer, listEngineers } from "~/services/engineers.server";
import { applyRosterImport, type ApplicablePlan } from "~/services/roster-import.server";
import { getScenario, listScenarios } from "~/services/scenarios.server";
import { hashPassword, verifyPassword } from "~/services/passwords.server";
import { getDb } from "~/utils/db.server";
import { REQUEST_ID_HEADER } from "~/utils/log.server";
import { TEST_PASSWORD } from "../setup/database";
import { dataOf, formRequest, routeArgs } from "../setup/requests";

const signIn = (email: string, password: string, address = "10.0.0.1") =>
  loginAction(routeArgs(formRequest("/login", { email, password }, { as: null }), {}, { remoteAddress: address }));

const cookieOf = (response: Response) => response.headers.get("Set-Cookie")!.split(";")[0]!;

describe("signing in", () => {
  it("hashes passwords with scrypt and a salt: same password, different hashes, both verify", async () => {
    const [a, b] = [await hashPassword("a long passphrase"), await hashPassword("a long passphrase")];
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("a long passphrase", a)).toBe(true);
    expect(await verifyPassword("a long passphrasE", a)).toBe(false);
  });

  it("signs in with a signed HttpOnly SameSite cookie that expires, and signs out", async () => {
    await resetSignInLimits();
    const response = (await signIn("PLANNER@example.com ", TEST_PASSWORD)) as Response;
    expect(response.status).toBe(302);
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^teamshape_session=[^;]+\.[^;]+;/); // value.signature
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toMatch(/Max-Age=43200/);
    const cookie = cookieOf(response);
    const withCookie = new Request("http://localhost/", { headers: { Cookie: cookie } });
    expect(await getUser(withCookie)).toMatchObject({ email: "planner@example.com", role: "planner" });
    // A tampered cookie is nobody.
    const at = "teamshape_session=".length + 10; // a character inside the signed value
    const tampered = cookie.slice(0, at) + (cookie[at] === "A" ? "B" : "A") + cookie.slice(at + 1);
    expect(await getUser(new Request("http://localhost/", { headers: { Cookie: tampered } }))).toBeNull();
    const out = (await logoutAction(
      routeArgs(new Request("http://localhost/logout", { method: "POST", headers: { Cookie: cookie } })),
    )) as Response;
    expect(out.headers.get("Set-Cookie")).toContain("Max-Age=0");
    // The session row is gone, so an old copy of the cookie is useless on the next request.
    expect(await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
  });

  it("looks the session up once for the loaders of one page load, and only for theirs", async () => {
    await resetSignInLimits();
    const planner = cookieOf((await signIn("planner@example.com", TEST_PASSWORD)) as Response);
    const viewer = cookieOf((await signIn("viewer@example.com", TEST_PASSWORD)) as Response);
    // Remix hands the root loader and the page's loader copies of one request: server.ts marks
    // each with the request's id.
    const load = (cookie: string, id: string, method = "GET") =>
      new Request("http://localhost/team", { method, headers: { Cookie: cookie, [REQUEST_ID_HEADER]: id } });
    const first = await getUser(load(planner, "load-1"));
    expect(first).toMatchObject({ email: "planner@example.com" });
    expect(await getUser(load(planner, "load-1"))).toBe(first);
    // The same id with another cookie (a forged header, had one got past server.ts) is that cookie's holder, or nobody.
    expect(await getUser(load(viewer, "load-1"))).toMatchObject({ email: "viewer@example.com", role: "viewer" });
    expect(await getUser(load("teamshape_session=forged", "load-1"))).toBeNull();
    // Signed out: the next page load, and an action under the same id, find no one.
    await logoutAction(
      routeArgs(new Request("http://localhost/logout", { method: "POST", headers: { Cookie: planner } })),
    );
    expect(await getUser(load(planner, "load-2"))).toBeNull();
    expect(await getUser(load(planner, "load-1", "POST"))).toBeNull();
    // A page load's loaders ask within milliseconds; a lookup is never shared for more than 5 s.
    expect(await getUser(load(planner, "load-1"))).toBe(first);
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + 6_000);
    try {
      expect(await getUser(load(planner, "load-1"))).toBeNull();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("says the same for an unknown account and a wrong password", async () => {
    await resetSignInLimits();
    const unknown = dataOf<{ message: string }>(await signIn("nobody@example.com", TEST_PASSWORD));
    const wrong = dataOf<{ message: string }>(await signIn("viewer@example.com", "not the password"));
    expect(unknown).toEqual({
      status: 401,
      data: { message: WRONG_CREDENTIALS, email: "nobody@example.com", errors: {} },
    });
    expect(wrong).toEqual({ status: 401, data: { ...unknown.data, email: "viewer@example.com" } });
  });

  it("slows one address guessing at an account, then locks that address out of it, while the owner signs in from another", async () => {
    await resetSignInLimits();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const guess = (password = "a wrong guess") => signIn("admin@example.com", password, "10.4.4.4");
      const refusal = async (password?: string) => {
        const response = await guess(password);
        const { status, data } = dataOf<{ message: string }>(response);
        return { status, message: data.message };
      };
      for (let i = 0; i < DELAY_AFTER_FAILURES; i++) expect((await refusal()).message).toBe(WRONG_CREDENTIALS);
      // After the 3rd failure each attempt waits longer, and a refused attempt checks no password, even the right one.
      expect(await refusal(TEST_PASSWORD)).toEqual({
        status: 429,
        message: "Too many failed sign-ins. Wait 1 second, then try again.",
      });
      vi.setSystemTime(Date.now() + 1_000);
      expect((await refusal()).message).toBe(WRONG_CREDENTIALS);
      expect((await refusal()).message).toBe("Too many failed sign-ins. Wait 2 seconds, then try again.");
      vi.setSystemTime(Date.now() + 2_000);
      expect((await refusal()).message).toBe(WRONG_CREDENTIALS);
      // Five failures: this address is locked out of this account for the rest of the 15 minutes.
      expect(await refusal(TEST_PASSWORD)).toEqual({
        status: 429,
        message: "Too many failed sign-ins. Wait 15 minutes, then try again.",
      });
      vi.setSystemTime(Date.now() + 10 * 60_000);
      expect((await refusal(TEST_PASSWORD)).message).toBe("Too many failed sign-ins. Wait 5 minutes, then try again.");
      // The admin, from their own address, is not locked out by it.
      expect(((await signIn("admin@example.com", TEST_PASSWORD, "10.5.5.5")) as Response).status).toBe(302);
      vi.setSystemTime(Date.now() + 5 * 60_000);
      expect(((await guess(TEST_PASSWORD)) as Response).status).toBe(302);
    } finally {
      vi.useRealTimers();
    }
  });

  it("doubles the wait after each further failure, up to a minute", () => {
    expect(Array.from({ length: 12 }, (_, failures) => delaySeconds(failures))).toEqual([
      0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60,
    ]);
  });

  it("counts attempts sent all at once: from one address, only 3 wrong passwords are checked before the wait", async () => {
    await resetSignInLimits();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn("planner@example.com", `wrong ${i}`, "10.1.1.1")),
    );
    const messages = answers.map((a) => dataOf<{ message: string }>(a).data.message);
    expect(messages.filter((m) => m === WRONG_CREDENTIALS)).toHaveLength(DELAY_AFTER_FAILURES);
    expect(messages.filter((m) => m.startsWith("Too many failed sign-ins"))).toHaveLength(12 - DELAY_AFTER_FAILURES);
    await resetSignInLimits();
  });

  it("keeps an account-wide backstop against guesses spread over many addresses, even sent all at once", async () => {
    await resetSignInLimits();
    const db = await getDb();
    // 95 failures already, from 95 addresses.
    const now = Date.now();
    await db
      .insertInto("sign_in_failure")
      .values(
        Array.from({ length: SIGN_IN_LIMITS.account - 5 }, (_, i) => ({
          key: "account:planner@example.com",
          at: now - i,
        })),
      )
      .execute();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn("planner@example.com", `wrong ${i}`, `10.1.2.${i}`)),
    );
    expect(
      answers.map((a) => dataOf<{ message: string }>(a).data.message).filter((m) => m === WRONG_CREDENTIALS),
    ).toHaveLength(5);
    // Now the account is closed to every address for the rest of the window, the right password included; other accounts are not.
    expect(
      dataOf<{ message: string }>(await signIn("planner@example.com", TEST_PASSWORD, "10.2.2.2")).data.message,
    ).toBe("Too many failed sign-ins. Wait 15 minutes, then try again.");
    expect(((await signIn("viewer@example.com", TEST_PASSWORD, "10.2.2.2")) as Response).status).toBe(302);
    await resetSignInLimits();
  });

  it("limits one address trying many accounts", async () => {
    await resetSignInLimits();
    for (let i = 0; i < SIGN_IN_LIMITS.address; i++) await signIn(`guess${i}@example.com`, "wrong", "10.6.6.6");
    expect(
      dataOf<{ message: string }>(await signIn("admin@example.com", TEST_PASSWORD, "10.6.6.6")).data.message,
    ).toContain("Too many failed sign-ins");
    expect(((await signIn("admin@example.com", TEST_PASSWORD, "10.7.7.7")) as Response).status).toBe(302);
    await resetSignInLimits();
  });

  it("stores only a hash of each session id", async () => {
    const cookie = cookieOf((await signIn("admin@example.com", TEST_PASSWORD, "10.3.3.3")) as Response);
    const rows = await (await getDb()).selectFrom("session").select("id").execute();
    // The cookie's value is the session id (base64 JSON), then a dot and the signature.
    const id = JSON.parse(
      Buffer.from(decodeURIComponent(cookie.split("=")[1]!).split(".")[0]!, "base64").toString(),
    ) as string;
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(rows.map((r) => r.id)).not.toContain(id);
    expect(rows.map((r) => r.id)).toContain(createHash("sha256").update(id).digest("base64url"));
  });
});

describe("managing users", () => {
  it("adds a user who can then sign in, resets a password (ending their sessions) and removes them, all audited", async () => {
    await resetSignInLimits();
    const add = (fields: Record<string, string>) =>
      usersAction(routeArgs(formRequest("/admin", { intent: "create", ...fields })));
    const refused = dataOf<{ errors: Record<string, string> }>(
      await add({ name: "Dee", email: "not-an-email", role: "viewer", password: "short" }),
    );
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toMatchObject({
      email: "Enter an email address like ada@example.com",
      password: "Use at least 10 characters",
    });
    expect(
      dataOf<{ ok: boolean }>(
        await add({ name: "Dee", email: "dee@example.com", role: "viewer", password: "first password 1" }),
      ).data.ok,
    ).toBe(true);
    expect(
      dataOf<{ errors: Record<string, string> }>(
        await add({ name: "Dee 2", email: "DEE@example.com", role: "viewer", password: "first password 1" }),
      ).data.errors.email,
    ).toBe("An account with this email already exists");

    const session = cookieOf((await signIn("dee@example.com", "first password 1")) as Response);
    const db = await getDb();
    const dee = (
      await db.selectFrom("user").select("id").where("email", "=", "dee@example.com").executeTakeFirstOrThrow()
    ).id;
    await usersAction(
      routeArgs(formRequest("/admin", { intent: "reset", id: String(dee), password: "second password 2" })),
    );
    expect(await getUser(new Request("http://localhost/", { headers: { Cookie: session } }))).toBeNull();
    expect(dataOf<{ message: string }>(await signIn("dee@example.com", "first password 1")).data.message).toBe(
      WRONG_CREDENTIALS,
    );
    expect(((await signIn("dee@example.com", "second password 2")) as Response).status).toBe(302);

    await usersAction(routeArgs(formRequest("/admin", { intent: "remove", id: String(dee) })));
    expect(await db.selectFrom("user").select("id").where("id", "=", dee).executeTakeFirst()).toBeUndefined();
    const trail = await listAudit(db, { entity: "user" });
    expect(trail.filter((a) => a.entity_id === String(dee)).map((a) => a.action)).toEqual([
      "delete",
      "reset password",
      "create",
    ]);
    expect(trail[0]!.user_name).toBe("Test admin");
    expect(JSON.stringify(trail)).not.toContain("second password 2");
  });

  it("never removes or demotes the last admin", async () => {
    const db = await getDb();
    const admin = (
      await db.selectFrom("user").select("id").where("email", "=", "admin@example.com").executeTakeFirstOrThrow()
    ).id;
    const demote = dataOf<{ message: string }>(
      await usersAction(routeArgs(formRequest("/admin", { intent: "role", id: String(admin), role: "viewer" }))),
    );
    expect(demote.data.message).toContain("at least one admin");
    const self = dataOf<{ message: string }>(
      await usersAction(routeArgs(formRequest("/admin", { intent: "remove", id: String(admin) }))),
    );
    expect(self.data.message).toBe("You cannot remove your own account.");
  });
});

describe("no lost updates", () => {
  it("refuses the second of two saves made from the same version of an engineer, naming who changed it and when", async () => {
    const db = await getDb();
    const id = await createEngineer(db, {
      input: { name: "Two Editors", levelId: "L2", salary: 110_000, startDate: "2025-01-01", notes: "" },
    });
    const { version } = (await getEngineer(db, { id }))!;
    const form = (salary: string, as: "planner" | "admin") =>
      editEngineerAction(
        routeArgs(
          formRequest(
            `/team/${id}/edit`,
            {
              name: "Two Editors",
              levelId: "L2",
              salary,
              startDate: "2025-01-01",
              notes: "",
              version: String(version),
            },
            { as },
          ),
          {
            engineerId: String(id),
          },
        ),
      );
    expect(((await form("111000", "planner")) as Response).status).toBe(302);
    const second = dataOf<{ errors: Record<string, string>; values: Record<string, string> }>(
      await form("222000", "admin"),
    );
    expect(second.status).toBe(409);
    expect(second.data.errors.form).toMatch(
      /^Changed by Test planner at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, after you opened this page\. Your changes were not saved/,
    );
    expect(second.data.values.salary).toBe("222000"); // what they typed is kept
    expect((await getEngineer(db, { id }))!.salary).toBe(111_000);
  });

  it("refuses a scenario save over someone else's", async () => {
    const db = await getDb();
    const { id } = (await listScenarios(db))[0]!;
    const stored = (await getScenario(db, { id }))!;
    const save = (name: string, as: "planner" | "admin") =>
      scenarioAction(
        routeArgs(
          formRequest(
            `/scenarios/${id}`,
            { intent: "save", version: String(stored.version), document: JSON.stringify({ ...stored.scenario, name }) },
            { as },
          ),
          {
            scenarioId: String(id),
          },
        ),
      );
    expect(dataOf<{ ok: boolean }>(await save("First save wins", "admin")).data.ok).toBe(true);
    const late = dataOf<{ ok: boolean; messages: string[] }>(await save("Second save loses", "planner"));
    expect(late.status).toBe(409);
    expect(late.data.messages[0]).toContain("Changed by Test admin");
    expect((await getScenario(db, { id }))!.scenario.name).toBe("First save wins");
  });
});

describe("the audit trail", () => {
  it("records who changed what, before and after, with the change", async () => {
    const db = await getDb();
    const id = await createEngineer(db, {
      input: { name: "Audited", levelId: "L2", salary: 100_000, startDate: "2025-01-01", notes: "" },
    });
    const { version } = (await getEngineer(db, { id }))!;
    await editEngineerAction(
      routeArgs(
        formRequest(
          `/team/${id}/edit`,
          {
            name: "Audited",
            levelId: "L3",
            salary: "120000",
            startDate: "2025-01-01",
            notes: "",
            version: String(version),
          },
          { as: "planner" },
        ),
        { engineerId: String(id) },
      ),
    );
    const [entry] = await listAudit(db, { entity: "engineer", text: "Audited" });
    expect(entry).toMatchObject({
      user_name: "Test planner",
      action: "update",
      entity_id: String(id),
      summary: 'Changed levelId, salary of "Audited"',
    });
    expect(JSON.parse(entry!.before!)).toEqual({ levelId: "L2", salary: 100_000 });
    expect(JSON.parse(entry!.after!)).toEqual({ levelId: "L3", salary: 120_000 });
  });

  it("is rolled back with a change that fails half way: an import whose last row breaks writes no engineer and no audit row", async () => {
    const db = await getDb();
    const [engineers, audit] = [(await listEngineers(db)).length, (await listAudit(db, {}, 100_000)).length];
    const row = (line: number, name: string, levelId: string) => ({
      line,
      name,
      action: "create" as const,
      changes: [],
      errors: [],
      input: { name, levelId, salary: 100_000, startDate: "2025-01-01", notes: "" },
      skills: {},
    });
    // The last row names a level the database does not have: its foreign key fails after two rows were written.
    const plan: ApplicablePlan = {
      rows: [row(2, "Half A", "L1"), row(3, "Half B", "L2"), row(4, "Half C", "L99")],
    };
    await expect(applyRosterImport(db, plan)).rejects.toThrow(/foreign key/i);
    expect((await listEngineers(db)).length).toBe(engineers);
    expect((await listAudit(db, {}, 100_000)).length).toBe(audit);
  });
});
