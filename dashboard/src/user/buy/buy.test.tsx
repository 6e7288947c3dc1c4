import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { browser } from '../../api/browser';
import { alice, renderWith } from '../../test/render';
import { stubFetch } from '../../test/fetchStub';
import type { Pack } from '../../api/types';
import { BuyPage } from './BuyPage';
import { rememberBalanceBeforeCheckout } from './checkoutMemory';
import { validateTopUp } from './AutoTopUpForm';

const id = alice.accounts[0];
const packs: Pack[] = [
  { id: 'starter', name: 'Starter', credits: 5_000_000, priceMinor: 500, currency: 'usd' },
  { id: 'brl-25', name: 'R$ 25', credits: 4_500_000, priceMinor: 2_500, currency: 'brl' },
];
const account = (balanceCredits: number) => ({
  userId: id, balanceCredits, cycleCredits: 0, spentCycleCredits: 0, utilisationBasisPoints: 0,
  spendableCredits: balanceCredits, status: 'ACTIVE', version: 1,
});

function stub(status: { checkoutAvailable: boolean; message: string }, extra: Record<string, unknown> = {}) {
  return stubFetch({
    'GET /api/payments/packs': { packs },
    'GET /api/payments/status': { mode: status.checkoutAvailable ? 'stripe' : 'manual-only', buyPage: '', ...status },
    [`GET /api/accounts/${id}`]: account(1_000_000),
    [`GET /api/payments/users/${id}/purchases`]: { purchases: [], page: 0, size: 50, total: 0 },
    [`GET /api/payments/users/${id}/auto-top-up`]: {
      userId: id, enabled: false, thresholdCredits: 0, monthlyCapMinor: 0, chargedThisMonthMinor: 0, failuresInARow: 0,
    },
    'GET /api/payments/subscription-offers': [],
    [`GET /api/payments/users/${id}/subscription`]: () => new Response(
      JSON.stringify({ error: { message: 'no subscription', code: 'not_found' } }), { status: 404 }),
    ...extra,
  });
}

describe('the buy page', () => {
  it('in manual-only mode says how to pay instead, and offers no Buy button', async () => {
    stub({ checkoutAvailable: false, message: 'Card payments are not available here; ask an administrator.' });
    renderWith(<BuyPage />, { path: '/buy' });
    expect(await screen.findByText('Card payments are not available here; ask an administrator.')).toBeInTheDocument();
    expect(screen.getByText('Starter')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Buy / })).not.toBeInTheDocument();
  });

  it('starts a Checkout for the chosen pack, with the CSRF token, and leaves for Stripe', async () => {
    document.cookie = 'XSRF-TOKEN=token-123; path=/';
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
    const calls = stub({ checkoutAvailable: true, message: '' }, {
      'POST /api/payments/checkout': { url: 'https://stripe.example/c/pay/cs_1', sessionId: 'cs_1' },
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<BuyPage />, { path: '/buy' });
    await user.click(await screen.findByRole('button', { name: 'Buy R$ 25 for R$25.00' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://stripe.example/c/pay/cs_1'));
    const post = calls.calls.find((c) => c.method === 'POST')!;
    expect(post.headers.get('X-XSRF-TOKEN')).toBe('token-123');
    expect(await post.clone().json()).toEqual({ packId: 'brl-25', userId: id });
    expect(sessionStorage.getItem('creditgate.balanceBeforeCheckout')).toBe('1000000');
  });

  it('back from Stripe, says the payment is being confirmed until the balance rises, then shows it', async () => {
    rememberBalanceBeforeCheckout(1_000_000);
    let balance = 1_000_000;
    stub({ checkoutAvailable: true, message: '' }, { [`GET /api/accounts/${id}`]: () => account(balance) });
    renderWith(<BuyPage />, { path: '/buy?checkout=success&session_id=cs_1' });
    expect(await screen.findByText(/Your payment is being confirmed/)).toBeInTheDocument();
    balance = 6_000_000;
    expect(await screen.findByText(/Your balance is now 6,000,000 credits/, {}, { timeout: 5_000 })).toBeInTheDocument();
  });

  it('after a cancelled Checkout, says calmly that nothing was charged', async () => {
    stub({ checkoutAvailable: true, message: '' });
    renderWith(<BuyPage />, { path: '/buy?checkout=cancelled' });
    expect(await screen.findByText(/The payment was cancelled and nothing was charged/)).toBeInTheDocument();
  });
});

describe('auto top-up validation', () => {
  it('wants a whole threshold, a pack, and a monthly cap of at least the pack’s price', () => {
    expect(validateTopUp({ enabled: true, threshold: '1000', packId: 'starter', cap: '15' }, packs)).toEqual({});
    expect(validateTopUp({ enabled: true, threshold: '-1', packId: 'starter', cap: '4.99' }, packs))
      .toEqual({ threshold: 'user.topUp.error.threshold', cap: 'user.topUp.error.cap' });
    expect(validateTopUp({ enabled: true, threshold: '0', packId: 'gone', cap: '100' }, packs))
      .toEqual({ packId: 'user.topUp.error.pack' });
  });
});
