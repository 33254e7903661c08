/**
 * npm run bench:import: how long a 10,000-row HR export takes to preview, and then to import, on
 * the built app (not a test). The file is shaped like a BambooHR export: first and last names, job
 * titles to read as levels, US dates, "$138,000.00" pay with a pay period, departments outside
 * engineering, contractors and leavers. Each upload is timed from the request to the whole review
 * page (HTML) received; the import from pressing Import to the redirect.
 *
 *   npm run bench:import [-- --rows 10000 --runs 3]
 */
import { performance } from "node:perf_hooks";
import { signedIn } from "../e2e/client";
import { startApp } from "../e2e/server";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rows = arg("rows", 10_000);
const runs = arg("runs", 3);

const TITLES = [
  "Associate Software Engineer",
  "Software Engineer",
  "Software Engineer II",
  "Senior Software Engineer",
  "Staff Engineer",
  "Principal Engineer",
  "Engineering Manager",
  "Account Executive",
];
const DEPARTMENTS = ["Platform", "Payments", "Mobile", "Engineering", "Sales"];

/** A BambooHR-shaped export of `n` people. */
function export_(n: number): string {
  const lines = [
    '"Employee #","Last Name","First Name","Job Title","Department","Hire Date","Employment Status","Status","Pay Rate","Pay Per","Work Email"',
  ];
  for (let i = 0; i < n; i++) {
    const title = TITLES[i % TITLES.length]!;
    const department = title === "Account Executive" ? "Sales" : DEPARTMENTS[i % 4]!;
    const month = 1 + (i % 12);
    const day = 1 + (i % 28);
    const pay = 90_000 + (i % 120) * 1_000;
    lines.push(
      [
        `${10_000 + i}`,
        `Surname${i}`,
        `Person`,
        title,
        department,
        `${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}/${2015 + (i % 11)}`,
        i % 50 === 0 ? "Contractor" : "Full-Time",
        i % 40 === 0 ? "Inactive" : "Active",
        `$${pay.toLocaleString("en-US")}.00`,
        "Year",
        `person${i}@bench.example`,
      ]
        .map((cell) => `"${cell}"`)
        .join(","),
    );
  }
  return lines.join("\r\n");
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const app = await startApp();
try {
  const client = await signedIn(app);
  const csv = export_(rows);
  console.log(
    `Node ${process.version}; a ${rows.toLocaleString("en-US")}-row BambooHR-shaped export, ${(csv.length / 2 ** 20).toFixed(1)} MB`,
  );
  const previews: number[] = [];
  let sheet = "";
  let reviewBytes = 0;
  for (let run = 0; run < runs; run++) {
    const form = new FormData();
    form.set("file", new File([csv], "bamboohr-10000.csv", { type: "text/csv" }));
    const start = performance.now();
    const response = await client.post("/team/import", form);
    const html = await response.text();
    previews.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`preview answered ${response.status}`);
    reviewBytes = html.length;
    sheet = /name="sheet" value="([^"]*)"/
      .exec(html)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
    const answer = /<p class="import-answer">([^<]*)<\/p>/.exec(html)?.[1] ?? "?";
    if (run === 0) console.log(`the review says: ${answer}`);
  }
  console.log(
    `preview (upload to the whole review page):  median ${seconds(median(previews))} of ${runs} (${previews.map(seconds).join(", ")}; target < 5 s); page ${(reviewBytes / 2 ** 20).toFixed(1)} MB`,
  );
  const start = performance.now();
  const done = await client.post(
    "/team/import",
    new URLSearchParams({ sheet, fileName: "bamboohr-10000.csv", rows: "all", choices: "" }),
  );
  const took = performance.now() - start;
  console.log(
    `import (confirm to redirect):               ${seconds(took)} (${done.status} ${done.headers.get("location") ?? ""})`,
  );
} finally {
  await app.stop();
}
