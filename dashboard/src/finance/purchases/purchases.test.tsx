import { describe, expect, it } from 'vitest';
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../../test/render';
import { stubFetch } from '../../test/fetchStub';
import type { PurchaseView } from '../types';
import { PurchasesPage } from './PurchasesPage';
import { fiona } from '../../test/people';

// The data grid and the dialogs render slowly in jsdom on a busy machine: wait longer than the 1 s default.
configure({ asyncUtilTimeout: 10_000 });


function purchase(id: string, over: Partial<PurchaseView> = {}): PurchaseView {
  return {
    purchaseId: id, userId: 'alice@example.com', createdAt: '2026-12-01T10:00:00Z', method: 'checkout', status: 'paid',
    credits: 5_000_000, amountMinor: 2_500, currency: 'brl', refundedCredits: 0, refundedMinor: 0, refunds: [], disputes: [],
    ...over,
  };
}

function stubPurchases(items: PurchaseView[], extra: Record<string, unknown> = {}) {
  return stubFetch({
    'GET /api/payments/purchases': (_req: Request, url: URL) => ({
      purchases: items, page: Number(url.searchParams.get('page')), size: Number(url.searchParams.get('size')), total: 120,
    }),
    ...extra,
  });
}

describe('purchases, refunds and disputes', { timeout: 60_000 }, () => {
  it('asks the server for the next page with the chosen filters, and links the CSV to the same query', async () => {
    const calls = stubPurchases([purchase('pur_1')]);
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWith(<PurchasesPage />, { me: fiona });
    expect(await screen.findByText('1–50 of 120')).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Partially refunded' }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'User (account id)' }), { target: { value: 'bob' } });
    await waitFor(() => expect(calls.urls('/api/payments/purchases').at(-1)!.searchParams.get('userId')).toBe('bob'));
    await user.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(calls.urls('/api/payments/purchases').at(-1)!.searchParams.get('page')).toBe('1'));
    const last = calls.urls('/api/payments/purchases').at(-1)!;
    expect(last.searchParams.get('status')).toBe('partially_refunded');
    expect(last.searchParams.get('userId')).toBe('bob');
    expect(last.searchParams.get('size')).toBe('50');
    const csv = new URL(screen.getByRole('link', { name: 'Download CSV: Purchases' }).getAttribute('href')!, 'http://x');
    expect(csv.pathname).toBe('/api/payments/purchases');
    expect(csv.searchParams.get('format')).toBe('csv');
    expect(csv.searchParams.get('status')).toBe('partially_refunded');
    expect(csv.searchParams.get('userId')).toBe('bob');
  });

  it('sends the date filter as the person’s midnights', async () => {
    const calls = stubPurchases([]);
    renderWith(<PurchasesPage />, { me: fiona });
    await waitFor(() => expect(calls.urls('/api/payments/purchases').length).toBe(1));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01' } });
    await waitFor(() => expect(calls.urls('/api/payments/purchases').at(-1)!.searchParams.get('from')).not.toBeNull());
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const { startOfDay } = await import('../../format');
    expect(calls.urls('/api/payments/purchases').at(-1)!.searchParams.get('from')).toBe(startOfDay('2026-12-01', zone));
  });

  it('offers a refund only on a purchase with money left to give back, in a dialog', async () => {
    stubPurchases([purchase('pur_r', { status: 'refunded', refundedMinor: 2_500 }), purchase('pur_2')]);
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWith(<PurchasesPage />, { me: fiona });
    const refund = await screen.findByRole('button', { name: 'Refund purchase pur_2 of alice@example.com' }, { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: 'Refund purchase pur_r of alice@example.com' })).not.toBeInTheDocument();
    await user.click(refund);
    expect(await screen.findByRole('dialog', { name: 'Refund a purchase' })).toBeInTheDocument();
  });

  it('lists refunds and disputes in their tabs, from their own endpoints', async () => {
    const calls = stubFetch({
      'GET /api/payments/purchases': { purchases: [], page: 0, size: 50, total: 0 },
      'GET /api/payments/refunds': { refunds: [{ refundId: 'pur_1:refunded:1250', purchaseId: 'pur_1', userId: 'alice@example.com',
        createdAt: '2026-12-02T10:00:00Z', credits: 2_500_000, amountMinor: 1_250, cumulativeRefundedMinor: 1_250, currency: 'brl',
        reason: 'Charged twice', requestedBy: 'fiona@example.com' }], page: 0, size: 50, total: 1 },
      'GET /api/payments/disputes': { disputes: [], page: 0, size: 50, total: 0 },
    });
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWith(<PurchasesPage />, { me: fiona });
    expect(await screen.findByText('No purchases match these filters.')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Refunds' }));
    expect(await screen.findByText('Charged twice')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Disputes' }));
    expect(await screen.findByText('No disputes match these filters.')).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Lost' }));
    await waitFor(() => expect(calls.urls('/api/payments/disputes').at(-1)!.searchParams.get('status')).toBe('lost'));
  });
});
