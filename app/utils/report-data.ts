/**
 * What the printed reports receive: the scenario report's and the comparison report's data, as
 * app/services/reports.server.ts builds them for a report page or a share link and as the report
 * components read them. Types only.
 */
import type {
  ComparedHiring,
  FiscalPeriod,
  GoalsInWords,
  LevelClass,
  MonteCarloResult,
  PlanWarning,
  Projection,
  ProjectionRow,
  ProjectionSummary,
  Scenario,
  Table,
  ViewRow,
  ViewSummary,
} from "~/domain";

/** A projection's rows and summary as a share link shows them: without the teams. */
export type ReportRow = Omit<ProjectionRow, "teams">;
export type ReportSummary = Omit<ProjectionSummary, "teams">;

export interface ScenarioReportData {
  id: number;
  scenario: {
    name: string;
    description?: string;
    start: string;
    step: Scenario["step"];
    /** The levels charts stack; on a share link, the small ones as one "other levels". */
    levels: { id: string; title: string; class: LevelClass }[];
    assumptions: { ratioTarget: [number, number] };
  };
  prepared: string;
  projection: Omit<Projection, "rows" | "summary"> & { rows: ReportRow[]; summary: ReportSummary };
  monteCarlo: MonteCarloResult | null;
  monteCarloProblem: string | null;
  warnings: PlanWarning[];
  goals: GoalsInWords;
  hiring: {
    shown: boolean;
    searches: string[];
    busiestQuarter: string | null;
    firstYearLeavers: number;
    /** Null without the hiring assumptions: then first-year leavers are not followed. */
    firstYearMultiplier: number | null;
    joiners: string | null;
    overLimits: Table;
  };
  periods: { fiscalYearStartMonth: number; today: string; years: FiscalPeriod[]; quarters: FiscalPeriod[] };
  teams: {
    table: Table;
    each: {
      id: string;
      name: string;
      band: [number, number];
      startHeadcount: number;
      endHeadcount: number;
      totalCost: number;
      years: FiscalPeriod[];
      warnings: PlanWarning[];
    }[];
  } | null;
  /** Said where teams or levels would be broken out, when a share link leaves some out. */
  smallGroupNotes: { teams: string | null; levels: string | null };
  plan: Table;
  team: Table;
  pricedAtBandMidpoints: boolean;
  ledger: { assumptions: Table; levels: Table; notDefault: string[] };
  canEdit: boolean;
}

export interface ComparisonReportData {
  query: string;
  prepared: string;
  baselineId: number;
  pricedAtBandMidpoints: boolean;
  team: string | null;
  windowWords: string;
  verdicts: string[];
  fiscalYears: FiscalPeriod[][];
  fiscalYearStartMonth: number;
  today: string;
  nextFiscalYear: number;
  goalsOwnMonths: boolean;
  smallTeamsNote: string | null;
  compared: {
    id: number;
    name: string;
    description?: string;
    summary: ViewSummary;
    rows: ViewRow[];
    ratioTarget: [number, number];
    hiring: ComparedHiring;
    goals: GoalsInWords;
    warnings: PlanWarning[];
    plan: Table;
  }[];
}
