import { describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../../test/render';
import { json, stubFetch } from '../../test/fetchStub';
import type { ReplayReport, ReplayRun } from '../types';
import { ReplayPage } from './ReplayPage';
import { fiona } from '../../test/people';

// The data grid and the dialogs render slowly in jsdom on a busy machine: wait longer than the 1 s default.
configure({ asyncUtilTimeout: 10_000 });


const failed: ReplayReport = {
  startedAt: '2026-12-01T10:00:00Z', source: 'journal-topic', events: 1_003_160, storedEvents: 1_003_160, accounts: 1_000,
  durationMillis: 7_780, eventsPerSecond: 130_919, repeatedEntries: 0, ok: false,
  brokenLinks: [{ userId: 'bob', source: 'event-store', sequence: 42, expectedHash: 'aa', foundHash: 'bb', reason: 'link does not match' }],
  discrepancies: [{ userId: 'carol', field: 'balanceCredits', ledger: '5000000', replay: '4000000' }],
};

const run = (id: number, result: string): ReplayRun => ({
  id, actor: 'fiona@example.com', startedAt: '2026-12-01T09:00:00Z', finishedAt: '2026-12-01T09:00:08Z', source: 'default',
  result, events: 1_000, brokenLinks: 0, discrepancies: 0,
});

describe('replay and verify', { timeout: 60_000 }, () => {
  it('disables the button and shows progress while the replay runs, polls the runs, then shows the report with its accounts', async () => {
    let finish: (r: Response) => void = () => undefined;
    const calls = stubFetch({
      'GET /api/admin/audit/replays': [run(1, 'OK')],
      'POST /api/admin/replay': () => new Promise<Response>((resolve) => { finish = resolve; }),
    });
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWith(<ReplayPage />, { me: fiona });
    expect(await screen.findByText('fiona@example.com')).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Source' }));
    await user.click(await screen.findByRole('option', { name: 'Event store only' }));
    await user.click(screen.getByRole('button', { name: 'Run replay' }));
    expect(await screen.findByRole('button', { name: 'Replay running…' })).toBeDisabled();
    expect(screen.getByRole('progressbar', { name: 'Replay in progress' })).toBeInTheDocument();
    expect(calls.urls('/api/admin/replay')[0].searchParams.get('source')).toBe('event-store');
    await waitFor(() => expect(calls.urls('/api/admin/audit/replays').length).toBeGreaterThan(1), { timeout: 5_000 });
    finish(json(failed));
    expect(await screen.findByText(/1 broken link and 1 mismatch found/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run replay' })).toBeEnabled();
    const links = screen.getByRole('table', { name: 'Broken hash links' });
    expect(within(links).getByRole('rowheader', { name: 'bob' })).toBeInTheDocument();
    expect(within(links).getByText('link does not match')).toBeInTheDocument();
    const mismatches = screen.getByRole('table', { name: 'Mismatches between the replay and the ledger' });
    expect(within(mismatches).getByRole('rowheader', { name: 'carol' })).toBeInTheDocument();
    expect(within(mismatches).getByText('4000000')).toBeInTheDocument();
    expect(screen.getAllByText('1,003,160', { selector: 'dd' })).toHaveLength(2);
    expect(screen.getByText('7.8 s', { selector: 'dd' })).toBeInTheDocument();
  });

  it('says nothing was verified when the ledger cannot read the journal (503)', async () => {
    stubFetch({
      'GET /api/admin/audit/replays': [],
      'POST /api/admin/replay': json({ error: { message: 'the journal topic cannot be read', code: 'replay_unavailable' } }, 503),
    });
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWith(<ReplayPage />, { me: fiona });
    expect(await screen.findByText('No replay has been run yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Run replay' }));
    expect(await screen.findByText('Nothing was verified')).toBeInTheDocument();
    expect(screen.getByText(/the journal topic cannot be read/)).toBeInTheDocument();
  });
});
