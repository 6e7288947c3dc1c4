import { describe, expect, it } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWith } from '../../test/render';
import { stubFetch } from '../../test/fetchStub';
import { dayInZone, daysBefore, nextDay } from '../../format';
import type { DayUsage, ModelUsage, UsageReport, UsageTotals, UserUsage } from '../types';
import { ReportsPage } from './ReportsPage';
import { adminWithoutAccount, fiona } from '../../test/people';

// The data grid and the dialogs render slowly in jsdom on a busy machine: wait longer than the 1 s default.
configure({ asyncUtilTimeout: 10_000 });

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const usage = (costCredits: number, calls = 1): UsageTotals => ({
  calls, costCredits, promptTokens: 100, cachedPromptTokens: 0, completionTokens: 20, reasoningTokens: 0,
});
const report = <T,>(items: T[]): UsageReport<T> => ({ from: '', to: '', zone, items });

function stub() {
  return stubFetch({
    'GET /api/admin/usage/by-model': report<ModelUsage>([
      { model: 'gpt-4o', usage: usage(3_000_000, 30) }, { model: 'claude-sonnet', usage: usage(1_500_000, 12) },
    ]),
    'GET /api/admin/usage/by-day': (_req: Request, url: URL) => report<DayUsage>([
      { day: '2026-12-01', usage: usage(url.searchParams.get('model') ? 1_000_000 : 2_500_000) },
    ]),
    'GET /api/admin/usage/top-users': report<UserUsage>([{ userId: 'alice@example.com', usage: usage(4_000_000, 40) }]),
  });
}

describe('the organisation reports', { timeout: 60_000 }, () => {
  it('asks every report for the last 30 of the person’s days, and the by-day report once per top model', async () => {
    const calls = stub();
    renderWith(<ReportsPage />, { me: fiona });
    expect(await screen.findByText('Total: 4,500,000 credits (≈ $4.50)')).toBeInTheDocument();
    const today = dayInZone(new Date(), zone);
    for (const path of ['/api/admin/usage/by-model', '/api/admin/usage/top-users']) {
      const url = calls.urls(path)[0];
      expect(url.searchParams.get('zone')).toBe(zone);
      expect(url.searchParams.get('from')).toBe(daysBefore(today, 29));
      expect(url.searchParams.get('to')).toBe(nextDay(today));
    }
    await waitFor(() => expect(calls.urls('/api/admin/usage/by-day').map((u) => u.searchParams.get('model')).sort())
      .toEqual(['claude-sonnet', 'gpt-4o', null].sort()));
    const byModel = screen.getByRole('table', { name: 'Cost by model' });
    expect(within(byModel).getByRole('rowheader', { name: 'gpt-4o' })).toBeInTheDocument();
    expect(within(byModel).getByText('3,000,000')).toBeInTheDocument();
    expect(within(byModel).getByText('$3.00')).toBeInTheDocument();
  });

  it('asks again for the chosen range (the “to” day included) and links each CSV to the same query', async () => {
    const calls = stub();
    renderWith(<ReportsPage />, { me: fiona });
    await screen.findByText(/Total:/);
    fireEvent.change(screen.getByLabelText(/^From/), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText(/^To \(inclusive\)/), { target: { value: '2026-11-30' } });
    await waitFor(() => expect(calls.urls('/api/admin/usage/by-model').at(-1)!.searchParams.get('to')).toBe('2026-12-01'));
    expect(calls.urls('/api/admin/usage/by-model').at(-1)!.searchParams.get('from')).toBe('2026-11-01');
    const csv = (what: string) => new URL(screen.getByRole('link', { name: `Download CSV: ${what}` }).getAttribute('href')!, 'http://x');
    for (const [what, path] of [['Cost by day, by model', '/api/admin/usage/by-day'], ['Cost by model', '/api/admin/usage/by-model'],
      ['Top 10 users', '/api/admin/usage/top-users']]) {
      const url = csv(what);
      expect(url.pathname).toBe(path);
      expect(url.searchParams.get('format')).toBe('csv');
      expect(url.searchParams.get('from')).toBe('2026-11-01');
      expect(url.searchParams.get('to')).toBe('2026-12-01');
      expect(url.searchParams.get('zone')).toBe(zone);
    }
    expect(csv('Top 10 users').searchParams.get('limit')).toBe('10');
  });

  it('does not ask for a range whose start is after its end, and says why', async () => {
    const calls = stub();
    renderWith(<ReportsPage />, { me: fiona });
    await screen.findByText(/Total:/);
    const before = calls.urls('/api/admin/usage/by-model').length;
    fireEvent.change(screen.getByLabelText(/^From/), { target: { value: '2027-01-10' } });
    fireEvent.change(screen.getByLabelText(/^To \(inclusive\)/), { target: { value: '2027-01-01' } });
    expect(await screen.findByText('“From” must not be after “To”.')).toBeInTheDocument();
    expect(calls.urls('/api/admin/usage/by-model').length).toBe(before);
  });

  it('links a top user to the admin’s user page for an admin, and only names them for finance', async () => {
    stub();
    const { unmount } = renderWith(<ReportsPage />, { me: adminWithoutAccount });
    expect(await screen.findByRole('link', { name: 'alice@example.com' })).toHaveAttribute('href', '/admin/users/alice%40example.com');
    unmount();
    renderWith(<ReportsPage />, { me: fiona });
    expect(await screen.findByRole('rowheader', { name: 'alice@example.com' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'alice@example.com' })).not.toBeInTheDocument();
  });

  it('says what went wrong when a report is refused, and says so when nothing was used', async () => {
    stubFetch({
      'GET /api/admin/usage/by-model': report<ModelUsage>([]),
      'GET /api/admin/usage/by-day': report<DayUsage>([{ day: '2026-12-01', usage: usage(0, 0) }]),
      'GET /api/admin/usage/top-users': () => new Response(JSON.stringify({ error: { message: 'limit must be between 1 and 1000' } }), { status: 400 }),
    });
    renderWith(<ReportsPage />, { me: fiona });
    expect(await screen.findByText(/limit must be between 1 and 1000/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByText('No usage in this period. Choose other dates.')).toHaveLength(2));
  });
});
