/**
 * The sign-in and first-run forms at their edges: where a signed-in user is sent (`next`), and
 * input that is too long or not a form at all, which must be a 400 with a message, never a 500.
 */
import { describe, expect, it } from "vitest";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { resetSignInLimits } from "~/services/auth.server";
import { TEST_PASSWORD } from "../setup/database";
import { dataOf, formRequest, getRequest, routeArgs, thrownResponse } from "../setup/requests";

type LoginAnswer = { message: string | null; email: string; errors: { email?: string; password?: string } };

const login = (request: Request) => loginAction(routeArgs(request, {}, { remoteAddress: "10.20.0.1" }));

/** `next` as sent (URL-encoded here, so each arrives exactly as written), and where the user must land. */
const NEXT: [string, string][] = [
  // Paths that resolve to "//host" or "/\\host", which a browser reads as another site.
  ["/.//evil.example/x", "/"],
  ["/..//evil.example/x", "/"],
  ["/a/..//evil.example/x", "/"],
  ["/%2e//evil.example/x", "/"],
  ["/%2E%2E//evil.example/x", "/"],
  ["/a/b/../..//evil.example/x", "/"],
  ["//evil.example/x", "/"],
  ["/\\evil.example", "/"],
  ["/\\/evil.example", "/"],
  ["/\t/evil.example", "/"],
  ["/\n/evil.example", "/"],
  ["/\u0000/evil.example", "/"],
  ["https://evil.example", "/"],
  ["evil.example/x", "/"],
  ["javascript:alert(1)", "/"],
  ["", "/"],
  // Places on this site.
  ["/team?q=a", "/team?q=a"],
  ["/scenarios/3#x", "/scenarios/3#x"],
  ["/team?level=L2", "/team?level=L2"],
  ["/%2F/evil.example", "/%2F/evil.example"],
  ["/a/../team", "/team"],
  ["/", "/"],
];

describe("after signing in, only a place on this site", () => {
  it.each(NEXT)("sends a signed-in visitor of /login?next=%j to %j", async (next, expected) => {
    const response = await thrownResponse(() =>
      loginLoader(routeArgs(getRequest(`/login?next=${encodeURIComponent(next)}`, { as: "viewer" }))),
    );
    expect([response.status, response.headers.get("Location")]).toEqual([302, expected]);
  });

  it.each(NEXT)("sends someone who signs in at /login?next=%j to %j", async (next, expected) => {
    const response = (await login(
      formRequest(
        `/login?next=${encodeURIComponent(next)}`,
        { email: "planner@example.com", password: TEST_PASSWORD },
        { as: null },
      ),
    )) as Response;
    expect([response.status, response.headers.get("Location")]).toEqual([302, expected]);
  });
});

describe("the sign-in form refuses what it cannot take, with a 400 that says why", () => {
  it("names the field and its limit when the email is over 200 characters, and keeps what was typed", async () => {
    const email = `${"a".repeat(195)}@example.com`;
    const answer = dataOf<LoginAnswer>(
      await login(formRequest("/login", { email, password: "whatever it is" }, { as: null })),
    );
    expect(answer.status).toBe(400);
    expect(answer.data).toEqual({ message: null, email, errors: { email: "The email can be at most 200 characters" } });
  });

  it("names the password's limit when it is over 200 characters", async () => {
    const answer = dataOf<LoginAnswer>(
      await login(formRequest("/login", { email: "admin@example.com", password: "p".repeat(201) }, { as: null })),
    );
    expect(answer.status).toBe(400);
    expect(answer.data.errors).toEqual({ password: "The password can be at most 200 characters" });
    expect(answer.data.email).toBe("admin@example.com");
  });

  it("takes exactly 200 characters", async () => {
    await resetSignInLimits();
    const answer = dataOf<LoginAnswer>(
      await login(formRequest("/login", { email: "admin@example.com", password: "p".repeat(200) }, { as: null })),
    );
    expect(answer.status).toBe(401);
  });

  it.each([
    ["JSON", { "Content-Type": "application/json" }, '{"email":"admin@example.com"}'],
    ["broken multipart", { "Content-Type": "multipart/form-data; boundary=zz" }, "not multipart at all"],
    ["no content type", {}, "email=admin@example.com"],
  ])("answers a body that is not a form (%s) with a 400", async (_, headers, body) => {
    const answer = dataOf<LoginAnswer>(
      await login(new Request("http://localhost/login", { method: "POST", headers, body })),
    );
    expect(answer.status).toBe(400);
    expect(answer.data.message).toBe("The form could not be read. Reload the page and try again.");
  });

  it("answers an email sent as a file with a 400", async () => {
    const form = new FormData();
    form.set("email", new File(["admin@example.com"], "email.txt"));
    form.set("password", "whatever");
    const answer = dataOf<LoginAnswer>(
      await login(new Request("http://localhost/login", { method: "POST", body: form })),
    );
    expect(answer.status).toBe(400);
    expect(answer.data.errors.email).toBe("Enter your email");
  });
});
