import { describe, expect, it } from 'vitest';
import type { DayUsage, UsageReport } from '../api/types';
import { csvHref } from '../common/csv';
import { last30Days, stackByModel, usageCsvHref, usageWindow } from '.';

describe('the usage window and series', () => {
  it('counts the last 30 days in the person’s zone', () => {
    const now = new Date('2026-12-01T02:30:00Z');
    expect(last30Days(now, 'America/Sao_Paulo')).toEqual({ from: '2026-11-01', to: '2026-12-01', zone: 'America/Sao_Paulo' });
    expect(last30Days(now, 'UTC')).toEqual({ from: '2026-11-02', to: '2026-12-02', zone: 'UTC' });
  });

  it('stacks the top models and puts the rest in “other”', () => {
    const report = (costs: number[]): UsageReport<DayUsage> => ({
      from: '', to: '', zone: 'UTC',
      items: costs.map((cost, i) => ({ day: `2026-12-0${i + 1}`, usage: { calls: 1, costCredits: cost, promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0, reasoningTokens: 0 } })),
    });
    const stacked = stackByModel(report([100, 50]), [{ model: 'gpt-4o', report: report([70, 50]) }]);
    expect(stacked.days).toEqual(['2026-12-01', '2026-12-02']);
    expect(stacked.series).toEqual([{ model: 'gpt-4o', credits: [70, 50] }, { model: null, credits: [30, 0] }]);
  });

  it('turns days picked in date inputs into the ledger’s window (the “to” day included, so the day after)', () => {
    expect(usageWindow({ fromDay: '2026-11-01', toDay: '2026-11-30' }, 'America/Sao_Paulo'))
      .toEqual({ from: '2026-11-01', to: '2026-12-01', zone: 'America/Sao_Paulo' });
  });

  it('links a report’s CSV to the same window, for one account or the organisation', () => {
    const window = { from: '2026-11-01', to: '2026-12-01', zone: 'America/Sao_Paulo' };
    const account = new URL(usageCsvHref({ userId: 'alice@example.com' }, 'by-day', window), 'http://x');
    expect(account.pathname).toBe('/api/accounts/alice%40example.com/usage/by-day');
    expect(Object.fromEntries(account.searchParams)).toEqual({ ...window, format: 'csv' });
    expect(usageCsvHref('organisation', 'by-model', window).split('?')[0]).toBe('/api/admin/usage/by-model');
  });

  it('leaves empty parameters out of a CSV link and sends a list comma-separated', () => {
    expect(csvHref('/api/x', { a: '', b: undefined, type: ['USAGE', 'GRANT'], limit: 10 })).toBe('/api/x?type=USAGE%2CGRANT&limit=10&format=csv');
  });
});
