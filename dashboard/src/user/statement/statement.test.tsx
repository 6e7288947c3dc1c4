import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { alice, renderWith } from '../../test/render';
import { stubFetch } from '../../test/fetchStub';
import type { TransactionView } from '../../api/types';
import { StatementPage } from './StatementPage';
import { statementCsvHref } from './StatementGrid';

const path = `/api/accounts/${alice.accounts[0]}/transactions`;

function line(version: number): TransactionView {
  return {
    version, type: 'USAGE', amountCredits: -1_200, balanceAfterCredits: 5_000_000 - version, eventId: `e${version}`,
    occurredAt: '2026-12-01T02:30:00Z', model: 'gpt-4o', promptTokens: 100, completionTokens: 20,
  };
}

describe('the statement', () => {
  it('asks the server for the next page (paged on the server, total from the answer)', async () => {
    const calls = stubFetch({
      [`GET ${path}`]: (_req: Request, url: URL) => ({
        userId: alice.accounts[0], page: Number(url.searchParams.get('page')), size: 50, totalItems: 120,
        items: Array.from({ length: 3 }, (_, i) => line(Number(url.searchParams.get('page')) * 100 + i)),
      }),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<StatementPage />);
    await waitFor(() => expect(calls.urls(path).length).toBe(1));
    expect(calls.urls(path)[0].searchParams.get('page')).toBe('0');
    expect(await screen.findByText('1–50 of 120')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(calls.urls(path).map((u) => u.searchParams.get('page'))).toContain('1'));
    expect(calls.urls(path).at(-1)!.searchParams.get('size')).toBe('50');
    expect(await screen.findByText('51–100 of 120')).toBeInTheDocument();
  });

  it('links the CSV download to the same query, with the person’s midnights as the range', () => {
    const href = statementCsvHref('alice@example.com', { types: ['USAGE', 'PURCHASE'], fromDay: '2026-12-01', toDay: '2026-12-31' },
      'America/Sao_Paulo');
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/api/accounts/alice%40example.com/transactions');
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.get('type')).toBe('USAGE,PURCHASE');
    expect(url.searchParams.get('from')).toBe('2026-12-01T03:00:00.000Z');
    expect(url.searchParams.get('to')).toBe('2027-01-01T03:00:00.000Z');
  });
});
