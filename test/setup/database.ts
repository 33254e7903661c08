/**
 * Each test file gets its own SQLite file, migrated by the real migrations on first use: the app's
 * `getDb()` reads TEAMSHAPE_DATABASE, set here before any app module runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "teamshape-test-"));
process.env.TEAMSHAPE_DATABASE = join(dir, "test.sqlite");

afterAll(() => rmSync(dir, { recursive: true, force: true }));
