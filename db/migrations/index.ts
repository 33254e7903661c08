/**
 * Every migration, by name. Listed here (not read from the folder at run time) so that the app's
 * server bundle carries them and runs them at start-up. Names sort in the order they apply.
 */
import type { Migration } from "kysely";
import * as createCoreTables from "./2026_11_23_1500_create_core_tables";
import * as accountsAndAudit from "./2026_11_23_1800_accounts_and_audit";
import * as signInFailures from "./2026_11_23_1900_sign_in_failures";
import * as teams from "./2026_12_01_1200_teams";
import * as hrImport from "./2026_12_02_0900_hr_import";
import * as accounts from "./2026_12_02_1000_accounts";
import * as bandSource from "./2026_12_02_1100_band_source";
import * as fiscalYear from "./2026_12_03_0900_fiscal_year";
import * as scenarioVersions from "./2026_12_03_1000_scenario_versions";
import * as hiring from "./2026_12_04_0900_hiring";
import * as planOfRecord from "./2026_12_06_0900_plan_of_record";
import * as headcountRequests from "./2026_12_06_1000_headcount_requests";
import * as shareLinks from "./2026_12_06_1100_share_links";
import * as signInAttempt from "./2026_12_07_0900_sign_in_attempt";

export const migrations: Record<string, Migration> = {
  "2026_11_23_1500_create_core_tables": createCoreTables,
  "2026_11_23_1800_accounts_and_audit": accountsAndAudit,
  "2026_11_23_1900_sign_in_failures": signInFailures,
  "2026_12_01_1200_teams": teams,
  "2026_12_02_0900_hr_import": hrImport,
  "2026_12_02_1000_accounts": accounts,
  "2026_12_02_1100_band_source": bandSource,
  "2026_12_03_0900_fiscal_year": fiscalYear,
  "2026_12_03_1000_scenario_versions": scenarioVersions,
  "2026_12_04_0900_hiring": hiring,
  "2026_12_06_0900_plan_of_record": planOfRecord,
  "2026_12_06_1000_headcount_requests": headcountRequests,
  "2026_12_06_1100_share_links": shareLinks,
  "2026_12_07_0900_sign_in_attempt": signInAttempt,
};
