import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { alice, renderWith } from '../../test/render';
import { stubFetch } from '../../test/fetchStub';
import type { AccountView } from '../../api/types';
import { OverviewPage } from './OverviewPage';

const account: AccountView = {
  userId: alice.accounts[0], balanceCredits: 12_345_678, cycleCredits: 10_000_000, spentCycleCredits: 8_500_000,
  utilisationBasisPoints: 8_500, spendableCredits: 12_345_678, status: 'EXHAUSTED', version: 3,
  cycleEndsAt: '2027-01-01T12:00:00Z', grants: [],
};

function stub(accountBody: unknown = account) {
  const id = alice.accounts[0];
  return stubFetch({
    [`GET /api/accounts/${id}`]: accountBody,
    [`GET /api/accounts/${id}/usage/by-model`]: { from: '', to: '', zone: 'UTC', items: [] },
    [`GET /api/accounts/${id}/usage/by-day`]: { from: '', to: '', zone: 'UTC', items: [] },
    'GET /api/payments/packs': { packs: [] },
    [`GET /api/payments/users/${id}/purchases`]: { purchases: [] },
  });
}

describe('the overview', () => {
  it('shows the balance in credits and money, the status in words and the cycle’s gauge', async () => {
    stub();
    renderWith(<OverviewPage />);
    expect(await screen.findByText('12,345,678 credits')).toBeInTheDocument();
    expect(screen.getByText('≈ $12.35')).toBeInTheDocument();
    expect(screen.getByText('Out of credits')).toBeInTheDocument();
    expect(screen.getByText(/calls are refused until you buy credits/)).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /This cycle: 85 % of the allowance used/ })).toBeInTheDocument();
    expect(screen.getByText('8,500,000 of 10,000,000 credits used')).toBeInTheDocument();
    expect(screen.getByText('Renews on Jan 1, 2027', { exact: false })).toBeInTheDocument();
  });

  it('asks the usage reports for the person’s time zone', async () => {
    const calls = stub();
    renderWith(<OverviewPage />);
    await screen.findByText('12,345,678 credits');
    const byModel = calls.urls(`/api/accounts/${alice.accounts[0]}/usage/by-model`);
    expect(byModel[0].searchParams.get('zone')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('says what went wrong, with the API’s message, when the account cannot be read', async () => {
    stubFetch({ [`GET /api/accounts/${alice.accounts[0]}`]: () => new Response(
      JSON.stringify({ error: { message: 'no account for user', code: 'account_not_found' } }), { status: 404 }) });
    renderWith(<OverviewPage />);
    expect((await screen.findAllByText(/no account for user/)).length).toBeGreaterThan(0);
    expect(screen.getAllByRole('button', { name: 'Try again' }).length).toBeGreaterThan(0);
  });
});
