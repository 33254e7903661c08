import { StatCard } from "~/components/ui/stat-card";
import type { ViewSummary } from "~/domain";
import {
  formatExpectedPeople,
  formatMoney,
  formatMoneyShort,
  formatNumber,
  formatPercent,
  formatPeople,
} from "~/utils/format";

/** The six headline figures of a projection. */
export function SummaryCards({ summary, stepLabel }: { summary: ViewSummary; stepLabel: string }) {
  const months = summary.steps * summary.stepMonths;
  return (
    <section className="grid grid-cards" aria-label="Summary">
      <StatCard
        label="Total cost"
        value={formatMoneyShort(summary.totalCost)}
        hint={`Over ${months} months, fully loaded, with ${formatMoneyShort(summary.totalRecruitingCost)} recruiting`}
      />
      <StatCard
        label="End headcount"
        value={
          <span title={formatExpectedPeople(summary.endTotalHeadcount)}>{formatPeople(summary.endTotalHeadcount)}</span>
        }
        hint={`From ${formatPeople(summary.startHeadcount)} at the start`}
      />
      <StatCard
        label="Mean capacity"
        value={formatNumber(summary.meanCapacity)}
        hint="Mid-level engineer equivalents of work a month"
      />
      <StatCard
        label="Cost per unit of capacity"
        value={summary.costPerCapacityMonth === null ? "n/a" : formatMoney(summary.costPerCapacityMonth)}
        hint="Per month of a mid-level engineer's work"
      />
      <StatCard
        label="Lowest mentoring coverage"
        value={formatPercent(summary.lowestCoverage)}
        hint={
          summary.stepsCoverageBelowOne === 0
            ? "Enough mentoring all the way"
            : `Short in ${summary.stepsCoverageBelowOne} ${stepLabel}${summary.stepsCoverageBelowOne === 1 ? "" : "s"}`
        }
        tone={summary.lowestCoverage < 1 ? (summary.lowestCoverage < 0.75 ? "bad" : "warn") : "good"}
      />
      <StatCard
        label="Ratio out of band"
        value={`${summary.stepsRatioOutOfBand} ${stepLabel}${summary.stepsRatioOutOfBand === 1 ? "" : "s"}`}
        hint={`of ${summary.steps} ${stepLabel}s: juniors per senior outside the target`}
        tone={summary.stepsRatioOutOfBand === 0 ? "good" : "warn"}
      />
    </section>
  );
}
