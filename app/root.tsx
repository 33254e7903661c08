import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { getUser } from "~/services/auth.server";
import { countOpenRequests } from "~/services/requests.server";
import { getWorkspace } from "~/services/workspace.server";
import { useNonce } from "~/utils/nonce";
import { skipLinksOf } from "~/utils/skip-links";
import { useRequestId } from "~/utils/request-id";
import stylesheet from "~/styles/app.css";
import { getDb } from "~/utils/db.server";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Teamshape" },
  { name: "description", content: "Plan your engineering team's shape: cost, capacity, ratios and mentoring." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // Signed out, a visitor learns nothing about the workspace.
  if (!user) return { workspace: null, user: null };
  const db = await getDb();
  const [workspace, openRequests] = await Promise.all([
    getWorkspace(db),
    // Admins decide headcount requests: the nav says how many wait.
    user.role === "admin" ? countOpenRequests(db) : null,
  ]);
  return {
    workspace,
    user: { name: user.name, role: user.role, mustChangePassword: user.mustChangePassword },
    openRequests,
  };
}

const NAV = [
  { to: "/", label: "Dashboard", end: true },
  { to: "/team", label: "Team", end: false },
  { to: "/teams", label: "Teams", end: false },
  { to: "/scenarios", label: "Scenarios", end: false },
  { to: "/compare", label: "Compare", end: false },
  { to: "/plan", label: "Plan vs actual", end: false },
  { to: "/ladder", label: "Ladder", end: false },
];

function Shell({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  // The first tab stops: the page itself, then any place a page names (its main action).
  const matches = useMatches();
  const skipLinks = [{ href: "#main", label: "Skip to content" }, ...skipLinksOf(matches)];
  // A page shown alone (a share link's report) leads nowhere else in the app, whoever is signed in.
  const bare = matches.some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
  // On a phone the pages are one row that scrolls sideways: keep the current one in view.
  const navList = useRef<HTMLUListElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    const list = navList.current;
    const active = list?.querySelector<HTMLElement>(".nav-link.active");
    if (list && active && list.scrollWidth > list.clientWidth)
      list.scrollLeft = active.offsetLeft - list.offsetLeft - (list.clientWidth - active.offsetWidth) / 2;
  }, [pathname]);
  return (
    <>
      {skipLinks.map((link) => (
        <a key={link.href} className="skip-link" href={link.href}>
          {link.label}
        </a>
      ))}
      <header className="topbar">
        <div className="topbar-inner">
          {bare ? (
            <span className="brand">
              <span className="brand-mark" aria-hidden="true" />
              Teamshape
            </span>
          ) : (
            <NavLink to="/" className="brand" aria-label="Teamshape home">
              <span className="brand-mark" aria-hidden="true" />
              Teamshape
            </NavLink>
          )}
          {data?.user && !bare ? (
            <>
              {/* Until they replace the password an admin set, every other page sends them back to their account. */}
              {data.user.mustChangePassword ? null : (
                <nav aria-label="Main">
                  <ul className="nav" ref={navList}>
                    {[
                      ...NAV,
                      ...(data.user.role === "viewer"
                        ? []
                        : [
                            {
                              to: "/requests",
                              label: data.openRequests ? `Requests (${data.openRequests})` : "Requests",
                              end: false,
                            },
                          ]),
                      ...(data.user.role === "admin" ? [{ to: "/admin", label: "Admin", end: false }] : []),
                    ].map((item) => (
                      <li key={item.to}>
                        <NavLink
                          to={item.to}
                          end={item.end}
                          className={({ isActive }) => (isActive ? "nav-link active" : "nav-link")}
                        >
                          {item.label}
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </nav>
              )}
              <div className="user-menu">
                <span className="workspace-name">
                  {data.user.name} · {data.user.role}
                </span>
                <NavLink
                  title={`${data.user.name} · ${data.user.role}`}
                  to="/account"
                  className={({ isActive }) => `button button-light button-small${isActive ? " active" : ""}`}
                >
                  Account
                </NavLink>
                <Form method="post" action="/logout">
                  <button type="submit" className="button button-light button-small">
                    Sign out
                  </button>
                </Form>
              </div>
            </>
          ) : null}
        </div>
      </header>
      {data?.workspace?.isDemo && data.user?.role === "admin" && !data.user.mustChangePassword && !bare ? (
        <DemoBanner />
      ) : null}
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}

function DemoBanner() {
  return (
    <aside className="demo-banner" aria-label="Demo data">
      <div className="demo-banner-inner" role="note">
        <p>
          <strong>Demo data.</strong> This is a made-up backend team of 15 so you can look around. Your own team
          replaces it.
        </p>
        <Form
          method="post"
          action="/workspace/reset"
          onSubmit={(event) => {
            if (
              !confirm(
                "Delete the demo engineers and every scenario, and start with an empty team? The ladder, skills and teams stay.",
              )
            )
              event.preventDefault();
          }}
        >
          <button type="submit" className="button button-light" aria-describedby="empty-team-note">
            Start with an empty team
          </button>{" "}
          <span id="empty-team-note" className="demo-banner-note">
            Deletes the demo engineers and every scenario.
          </span>
        </Form>
      </div>
    </aside>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

/**
 * The id of the request whose failure this page shows, so support can find its log line. The
 * server knows it; the browser keeps the one the server rendered while that same error shows, and
 * shows none for an error met after a client-side navigation (that request's id stays unknown here).
 */
let renderedReference: { error: unknown; id: string } | undefined;
function useErrorReference(error: unknown): string {
  const fromServer = useRequestId();
  if (typeof document === "undefined") return fromServer;
  renderedReference ??= { error, id: document.getElementById("error-reference")?.dataset.reference ?? "" };
  return renderedReference.error === error ? renderedReference.id : "";
}

export function ErrorBoundary() {
  const error = useRouteError();
  const reference = useErrorReference(error);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  // A limit or a busy server refuses with a message meant for the user (the compute thread's limits).
  const refusal =
    isRouteErrorResponse(error) && [413, 422, 503].includes(error.status) && typeof error.data === "string"
      ? { status: error.status, message: error.data }
      : null;
  const [code, title, text] = forbidden
    ? [
        "403",
        "This page is not open to your account",
        isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : "Ask an admin if you need it.",
      ]
    : notFound
      ? ["404", "We could not find that page", "The link may be old, or the engineer or level may have been removed."]
      : refusal
        ? [
            String(refusal.status),
            refusal.status === 503 ? "The server could not do this just now" : "This plan is over a limit",
            refusal.message,
          ]
        : [
            "Something went wrong",
            "This page could not be shown",
            "The error has been logged. Try again, or go back to the dashboard.",
          ];
  return (
    <Shell>
      <section className="error-page">
        <p className="error-code">{code}</p>
        <h1>{title}</h1>
        <p>{text}</p>
        {reference && !notFound && !forbidden ? (
          <p className="error-reference" id="error-reference" data-reference={reference}>
            Reference {reference}
          </p>
        ) : null}
        <p>
          <a className="button" href="/">
            Go to the dashboard
          </a>
        </p>
      </section>
    </Shell>
  );
}
