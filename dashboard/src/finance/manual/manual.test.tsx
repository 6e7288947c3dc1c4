import { describe, expect, it } from 'vitest';
import { configure, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../../test/render';
import { json, stubFetch } from '../../test/fetchStub';
import { ManualPurchasePage } from './ManualPurchasePage';
import { fiona } from '../../test/people';

// The data grid and the dialogs render slowly in jsdom on a busy machine: wait longer than the 1 s default.
configure({ asyncUtilTimeout: 10_000 });


const recorded = {
  purchaseId: 'manual_1', userId: 'alice@example.com', createdAt: '2026-12-01T10:00:00Z', method: 'manual', manualMethod: 'pix',
  status: 'paid', credits: 45_000_000, amountMinor: 25_000, currency: 'brl', reference: 'E123', refundedCredits: 0,
  refundedMinor: 0, refunds: [], disputes: [],
};

function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(screen.getByRole('textbox', { name: label }), { target: { value } });
  }
}

describe('the manual purchase', { timeout: 60_000 }, () => {
  it('posts the purchase with the money in minor units, and says it was recorded (201)', async () => {
    const posted: unknown[] = [];
    stubFetch({
      'POST /api/payments/manual-purchases': async (req: Request) => {
        posted.push(await req.json());
        return json(recorded, 201);
      },
    });
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWith(<ManualPurchasePage />, { me: fiona });
    fill({ 'User (account id)': ' alice@example.com ', Credits: '45000000', 'Amount received': '250,00', Reference: 'E123' });
    expect(screen.getByTestId('manual-summary')).toHaveTextContent(/45,000,000 credits for alice@example.com, paid R\$\s?250\.00/);
    await user.click(screen.getByRole('button', { name: 'Record purchase' }));
    expect(await screen.findByText(/Recorded purchase manual_1: 45,000,000 credits for alice@example.com/)).toBeInTheDocument();
    expect(posted).toEqual([{
      userId: 'alice@example.com', credits: 45_000_000, amountMinor: 25_000, currency: 'brl', method: 'pix', reference: 'E123',
    }]);
  });

  it('refuses incomplete details before asking the server', async () => {
    const calls = stubFetch({});
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWith(<ManualPurchasePage />, { me: fiona });
    fill({ 'User (account id)': 'alice@example.com', Credits: '1.5', 'Amount received': '0' });
    await user.click(screen.getByRole('button', { name: 'Record purchase' }));
    expect(screen.getByText(/Enter a whole number of credits/)).toBeInTheDocument();
    expect(screen.getByText(/Enter the money received, above zero/)).toBeInTheDocument();
    expect(screen.getByText(/Enter the payment’s reference/)).toBeInTheDocument();
    expect(calls.calls).toHaveLength(0);
  });

  it('says clearly when the reference was used for another purchase (409), and when it was the same one again (200)', async () => {
    let answer = json({ error: { message: "Reference 'E123' was recorded for another purchase (manual_9: 1000 credits for bob)", code: 'reference_reused' } }, 409);
    stubFetch({ 'POST /api/payments/manual-purchases': () => answer });
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWith(<ManualPurchasePage />, { me: fiona });
    fill({ 'User (account id)': 'alice@example.com', Credits: '45000000', 'Amount received': '250', Reference: 'E123' });
    await user.click(screen.getByRole('button', { name: 'Record purchase' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This reference was already used for another purchase');
    expect(alert).toHaveTextContent(/manual_9: 1000 credits for bob/);
    answer = json(recorded, 200);
    await user.click(screen.getByRole('button', { name: 'Record purchase' }));
    expect(await screen.findByText(/recorded before with the same details \(purchase manual_1\); nothing new/)).toBeInTheDocument();
  });
});
