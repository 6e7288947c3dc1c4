import { describe, expect, it } from 'vitest';
import { configure, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../../test/render';
import { json, stubFetch } from '../../test/fetchStub';
import type { PurchaseView } from '../types';
import { RefundDialog } from './RefundDialog';
import { fiona } from '../../test/people';

// The data grid and the dialogs render slowly in jsdom on a busy machine: wait longer than the 1 s default.
configure({ asyncUtilTimeout: 10_000 });


function purchase(id: string, over: Partial<PurchaseView> = {}): PurchaseView {
  return {
    purchaseId: id, userId: 'alice@example.com', createdAt: '2026-12-01T10:00:00Z', method: 'checkout', status: 'partially_refunded',
    credits: 5_000_000, amountMinor: 2_500, currency: 'brl', refundedCredits: 0, refundedMinor: 500, refunds: [], disputes: [],
    ...over,
  };
}

function open(p: PurchaseView) {
  renderWith(<RefundDialog purchase={p} onClose={() => undefined} />, { me: fiona });
  return screen.getByRole('dialog', { name: 'Refund a purchase' });
}

const type = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });

describe('the refund dialog', { timeout: 60_000 }, () => {
  it('refuses a refund without a reason or above what remains, and sends nothing', async () => {
    const calls = stubFetch({});
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const dialog = open(purchase('pur_1'));
    expect(within(dialog).getByText(/Still refundable: R\$\s?20\.00/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    expect(within(dialog).getByText(/Give a reason/)).toBeInTheDocument();
    type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Charged twice');
    type(within(dialog).getByRole('textbox', { name: 'Amount to refund (BRL)' }), '20.01');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    expect(within(dialog).getByText(/at most R\$\s?20\.00/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /^Refund R\$/ })).not.toBeInTheDocument();
    expect(calls.calls).toHaveLength(0);
  });

  it('posts the amount and reason with an idempotency key once confirmed, and says a card refund went to Stripe (202)', async () => {
    const posted: { body: unknown; key: string | null }[] = [];
    stubFetch({
      'POST /api/payments/purchases/pur_1/refunds': async (req: Request) => {
        posted.push({ body: await req.json(), key: req.headers.get('Idempotency-Key') });
        return json({ requestId: 'rr_1', purchaseId: 'pur_1', status: 'pending', amountMinor: 1_250, currency: 'brl', credits: 0 }, 202);
      },
    });
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const dialog = open(purchase('pur_1'));
    type(within(dialog).getByRole('textbox', { name: 'Amount to refund (BRL)' }), '12,50');
    type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Charged twice');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    expect(within(dialog).getByText(/through Stripe/)).toBeInTheDocument();
    expect(posted).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: /^Refund R\$\s?12\.50$/ }));
    expect(await within(dialog).findByText(/Sent to Stripe: R\$\s?12\.50 goes back to the card/)).toBeInTheDocument();
    expect(posted).toEqual([{ body: { amountMinor: 1_250, reason: 'Charged twice' }, key: expect.any(String) }]);
  });

  it('shows the server’s refusal in the dialog, then says a manual refund is recorded (201) with the credits taken back', async () => {
    let answer = json({ error: { message: 'Only 2000 of 2500 brl (minor units) remain refundable', code: 'refund_exceeds_remaining' } }, 400);
    const posted: { body: unknown; key: string | null }[] = [];
    stubFetch({
      'POST /api/payments/purchases/pur_m/refunds': async (req: Request) => {
        posted.push({ body: await req.json(), key: req.headers.get('Idempotency-Key') });
        return answer;
      },
    });
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const dialog = open(purchase('pur_m', { method: 'manual', manualMethod: 'pix' }));
    type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Goodwill');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    expect(within(dialog).getByText(/taken back now/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: /^Refund R\$\s?20\.00$/ }));
    expect(await within(dialog).findByText(/The refund was refused: Only 2000 of 2500 brl/)).toBeInTheDocument();
    answer = json({ requestId: 'rr_2', purchaseId: 'pur_m', status: 'refunded', amountMinor: 2_000, currency: 'brl', credits: 4_000_000 }, 201);
    await user.click(within(dialog).getByRole('button', { name: /^Refund R\$\s?20\.00$/ }));
    expect(await within(dialog).findByText('Recorded: R$20.00 refunded and 4,000,000 credits taken back.')).toBeInTheDocument();
    // No amount typed: all that remains (the body has no amountMinor); the retry keeps the same key.
    expect(posted.map((p) => p.body)).toEqual([{ reason: 'Goodwill' }, { reason: 'Goodwill' }]);
    expect(posted[1].key).toBe(posted[0].key);
  });
});
