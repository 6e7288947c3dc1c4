import type { DayUsage, ModelUsage, UsageReport } from '../api/types';

/** How many models get their own colour in the by-day chart; the rest are summed as "other". */
export const TOP_MODELS = 4;

export function topModels(byModel: readonly ModelUsage[]): string[] {
  return [...byModel].sort((a, b) => b.usage.costCredits - a.usage.costCredits)
    .filter((m) => m.usage.costCredits > 0).slice(0, TOP_MODELS).map((m) => m.model);
}

export interface StackedDays {
  days: string[];
  series: { model: string | null; credits: number[] }[];
}

/**
 * Days stacked by model from one by-day report for the whole account and one per top model: each top model's cost
 * per day, and "other" (model null) = the day's total minus the top models, when above zero.
 */
export function stackByModel(total: UsageReport<DayUsage>, perModel: { model: string; report: UsageReport<DayUsage> }[]): StackedDays {
  const days = total.items.map((d) => d.day);
  const costOn = (report: UsageReport<DayUsage>) => {
    const byDay = new Map(report.items.map((d) => [d.day, d.usage.costCredits]));
    return days.map((day) => byDay.get(day) ?? 0);
  };
  const series = perModel.map(({ model, report }) => ({ model: model as string | null, credits: costOn(report) }));
  const totals = costOn(total);
  const other = totals.map((t, i) => Math.max(0, t - series.reduce((sum, s) => sum + s.credits[i], 0)));
  if (other.some((o) => o > 0)) {
    series.push({ model: null, credits: other });
  }
  return { days, series };
}
