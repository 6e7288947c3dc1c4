import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { renderWith } from '../../test/render';
import { json, stubFetch } from '../../test/fetchStub';
import type { AccountView } from '../../api/types';
import { olga } from '../../test/people';
import { AdminUserPage } from './AdminUserPage';

const alice = 'alice@example.com';
const slow = { timeout: 10_000 };

const account: AccountView = {
  userId: alice, balanceCredits: 2_000_000, cycleCredits: 0, spentCycleCredits: 0, utilisationBasisPoints: 0,
  spendableCredits: 2_000_000, status: 'ACTIVE', version: 4, planId: 'default',
  grants: [{
    grantId: 'welcome', category: 'PROMOTIONAL', amountCredits: 2_000_000, remainingCredits: 1_500_000, status: 'OPEN',
    priority: 100, reason: 'welcome', actor: 'ops@example.com',
  }],
};
const emptyReport = { from: '', to: '', zone: 'UTC', items: [] };

function stub(routes: Record<string, unknown> = {}) {
  return stubFetch({
    [`GET /api/accounts/${alice}`]: account,
    [`GET /api/accounts/${alice}/usage/by-day`]: emptyReport,
    [`GET /api/accounts/${alice}/usage/by-model`]: emptyReport,
    [`GET /api/accounts/${alice}/transactions`]: { userId: alice, page: 0, size: 50, totalItems: 1, items: [{
      version: 2, type: 'GRANT', amountCredits: 2_000_000, balanceAfterCredits: 2_000_000, occurredAt: '2026-12-01T12:00:00Z',
      reason: 'Pilot, December', actor: 'ops@example.com',
    }] },
    'GET /api/plans': { defaultPlan: 'default', startingCredits: 0, plans: [
      { planId: 'default', period: 'NONE', allowanceCredits: 0, rollover: 'RESET', rolloverCapCredits: 0, timeZone: 'UTC' },
      { planId: 'pro', period: 'MONTHLY', allowanceCredits: 20_000_000, rollover: 'RESET', rolloverCapCredits: 0, timeZone: 'UTC' },
    ] },
    ...routes,
  });
}

function renderPage() {
  return renderWith(<Routes><Route path="/admin/users/:userId" element={<AdminUserPage />} /></Routes>,
    { me: olga, path: `/admin/users/${encodeURIComponent(alice)}` });
}

async function bodyOf(request: Request) {
  return JSON.parse(await request.clone().text());
}

describe('a user’s page', () => {
  it('shows the account, its open grants and the usage in the admin’s zone', async () => {
    const calls = stub();
    renderPage();
    expect(await screen.findByTestId('admin-balance', {}, slow)).toHaveTextContent('2,000,000 credits');
    expect(screen.getByRole('cell', { name: 'welcome' })).toBeInTheDocument();
    await waitFor(() => expect(calls.urls(`/api/accounts/${alice}/usage/by-day`).length).toBe(1));
    expect(calls.urls(`/api/accounts/${alice}/usage/by-day`)[0].searchParams.get('zone'))
      .toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('shows the user’s statement (not the admin’s own) with a CSV link to the same account', async () => {
    const calls = stub();
    renderPage();
    expect(await screen.findByText('Pilot, December (ops@example.com)', {}, slow)).toBeInTheDocument();
    expect(calls.urls(`/api/accounts/${alice}/transactions`)[0].searchParams.get('page')).toBe('0');
    const csv = new URL(screen.getByRole('link', { name: 'Download CSV: Statement' }).getAttribute('href')!, 'http://x');
    expect(csv.pathname).toBe('/api/accounts/alice%40example.com/transactions');
    expect(csv.searchParams.get('format')).toBe('csv');
  });

  it('refuses to grant without a reason, then posts the amount, the reason and an idempotency id', async () => {
    const calls = stub({
      [`POST /api/admin/accounts/${alice}/grants`]: () => json({ ...account, balanceCredits: 7_000_000 }, 201),
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Grant credits' }, slow));
    const dialog = await screen.findByRole('dialog', { name: `Grant credits to ${alice}` }, slow);
    await user.type(within(dialog).getByRole('textbox', { name: 'Credits' }), '5,000,000');
    await user.click(within(dialog).getByRole('button', { name: 'Grant' }));
    expect(within(dialog).getByText(/the reason is required/)).toBeInTheDocument();
    expect(calls.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Pilot, December');
    await user.click(within(dialog).getByRole('button', { name: 'Grant' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const post = calls.calls.find((c) => c.method === 'POST')!;
    expect(new URL(post.url).pathname).toBe('/api/admin/accounts/alice%40example.com/grants');
    const body = await bodyOf(post);
    expect(body).toMatchObject({ amountCredits: 5_000_000, reason: 'Pilot, December', category: 'PROMOTIONAL' });
    expect(body.grantId).toMatch(/^ui-grant-[0-9a-f-]{36}$/);
    expect(body).not.toHaveProperty('expiresAt');
    expect(await screen.findByTestId('admin-balance', {}, slow)).toHaveTextContent('7,000,000 credits');
  }, 60_000);

  it('shows the ledger’s own message in the dialog when it refuses, and keeps the dialog open', async () => {
    stub({
      [`POST /api/admin/accounts/${alice}/adjustments`]: () =>
        json({ error: { message: 'amountCredits must be within ±1000000000000 credits', code: 'bad_request' } }, 400),
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Adjust balance' }, slow));
    const dialog = await screen.findByRole('dialog', {}, slow);
    await user.type(within(dialog).getByRole('textbox', { name: /Credits/ }), '-9999999999999');
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'typo');
    await user.click(within(dialog).getByRole('button', { name: 'Adjust' }));
    expect(await within(dialog).findByRole('alert', {}, slow)).toHaveTextContent('Refused: amountCredits must be within');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  }, 60_000);

  it('blocks with a reason, revokes a grant with a reason, and clears the cycle cap with null', async () => {
    const blocked = { ...account, status: 'BLOCKED' };
    const calls = stub({
      [`POST /api/admin/accounts/${alice}/block`]: blocked,
      [`POST /api/admin/accounts/${alice}/grants/welcome/revoke`]: blocked,
      [`PUT /api/admin/accounts/${alice}/cycle-cap`]: blocked,
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Block' }, slow));
    let dialog = await screen.findByRole('dialog', { name: `Block ${alice}` }, slow);
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'abuse');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await screen.findByRole('button', { name: 'Unblock' }, slow)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Revoke grant welcome' }));
    dialog = await screen.findByRole('dialog', { name: 'Revoke a grant' }, slow);
    expect(dialog).toHaveTextContent('1,500,000 credits');
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'granted by mistake');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Cycle cap' }));
    dialog = await screen.findByRole('dialog', {}, slow);
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'no more limit');
    await user.click(within(dialog).getByRole('button', { name: 'Remove cap' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const posts = calls.calls.filter((c) => c.method !== 'GET');
    expect(posts.map((c) => `${c.method} ${decodeURIComponent(new URL(c.url).pathname)}`)).toEqual([
      `POST /api/admin/accounts/${alice}/block`,
      `POST /api/admin/accounts/${alice}/grants/welcome/revoke`,
      `PUT /api/admin/accounts/${alice}/cycle-cap`,
    ]);
    expect(await Promise.all(posts.map(bodyOf))).toEqual([
      { reason: 'abuse' }, { reason: 'granted by mistake' }, { reason: 'no more limit' },
    ]);
  }, 60_000);

  it('changes the plan to one of GET /api/plans', async () => {
    const calls = stub({ [`PUT /api/admin/accounts/${alice}/plan`]: { ...account, planId: 'pro' } });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Change plan' }, slow));
    const dialog = await screen.findByRole('dialog', {}, slow);
    await user.click(await within(dialog).findByRole('combobox', { name: /Plan/ }, slow));
    await user.click(await screen.findByRole('option', { name: /pro: 20,000,000 credits per month/ }, slow));
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'upgrade');
    await user.click(within(dialog).getByRole('button', { name: 'Change plan' }));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(await bodyOf(calls.calls.find((c) => c.method === 'PUT')!)).toEqual({ planId: 'pro', reason: 'upgrade' });
  }, 60_000);
});
