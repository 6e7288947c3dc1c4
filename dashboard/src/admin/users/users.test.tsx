import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../../test/render';
import { stubFetch } from '../../test/fetchStub';
import type { AccountListItem } from '../accounts';
import { olga } from '../../test/people';
import { UsersPage } from './UsersPage';

const path = '/api/admin/accounts';
// The grid's first render in jsdom is slow; wait longer than Testing Library's default second.
const slow = { timeout: 10_000 };

function account(i: number): AccountListItem {
  return {
    userId: `user${i}@example.com`, balanceCredits: 1_000_000 * i, spendableCredits: 1_000_000 * i, cycleCredits: 0,
    spentCycleCredits: 0, status: i % 2 ? 'ACTIVE' : 'BLOCKED', planId: 'default', updatedAt: '2026-12-01T10:00:00Z',
  };
}

function stubAccounts() {
  return stubFetch({
    [`GET ${path}`]: (_req: Request, url: URL) => {
      const page = Number(url.searchParams.get('page'));
      return { items: Array.from({ length: 3 }, (_, i) => account(page * 100 + i + 1)), page, size: 25, total: 5_000 };
    },
  });
}

describe('the users grid', () => {
  it('asks the server for the search text, then balance descending, then page 2', async () => {
    const calls = stubAccounts();
    const user = userEvent.setup({ delay: null });
    renderWith(<UsersPage />, { me: olga });
    expect(await screen.findByText('user1@example.com', {}, slow)).toBeInTheDocument();
    expect(await screen.findByText(/1–50 of 5,?000/, {}, slow)).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: 'Search user id' }), 'alice');
    await waitFor(() => expect(calls.urls(path).at(-1)!.searchParams.get('q')).toBe('alice'));
    // Debounced: one request for the whole word, not one per key.
    expect(calls.urls(path).filter((u) => u.searchParams.get('q')?.startsWith('a')).length).toBe(1);

    const balance = screen.getByRole('columnheader', { name: /Balance/ });
    await user.click(within(balance).getByText('Balance'));
    await user.click(within(balance).getByText('Balance'));
    await waitFor(() => expect(calls.urls(path).at(-1)!.searchParams.get('direction')).toBe('desc'));
    expect(calls.urls(path).at(-1)!.searchParams.get('sort')).toBe('balanceCredits');

    await user.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(calls.urls(path).at(-1)!.searchParams.get('page')).toBe('1'));
    const last = calls.urls(path).at(-1)!.searchParams;
    expect([last.get('q'), last.get('sort'), last.get('direction'), last.get('size')]).toEqual(['alice', 'balanceCredits', 'desc', '50']);
    expect(await screen.findByText('user101@example.com', {}, slow)).toBeInTheDocument();
  }, 60_000);

  it('filters by status on the server and starts again at the first page', async () => {
    const calls = stubAccounts();
    const user = userEvent.setup({ delay: null });
    renderWith(<UsersPage />, { me: olga });
    await screen.findByText('user1@example.com', {}, slow);
    await user.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(calls.urls(path).at(-1)!.searchParams.get('page')).toBe('1'));
    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Blocked' }, slow));
    await waitFor(() => expect(calls.urls(path).at(-1)!.searchParams.get('status')).toBe('BLOCKED'));
    expect(calls.urls(path).at(-1)!.searchParams.get('page')).toBe('0');
  }, 60_000);

  it('links each user id to the user’s page, reachable with the keyboard', async () => {
    stubAccounts();
    renderWith(<UsersPage />, { me: olga });
    const link = await screen.findByRole('link', { name: 'user1@example.com' }, slow);
    expect(link).toHaveAttribute('href', '/admin/users/user1%40example.com');
  });

  it('says what went wrong when the ledger refuses', async () => {
    stubFetch({ [`GET ${path}`]: new Response(JSON.stringify({ error: { message: 'size must be at most 200' } }), { status: 400 }) });
    renderWith(<UsersPage />, { me: olga });
    expect(await screen.findByText(/size must be at most 200/, {}, slow)).toBeInTheDocument();
  });
});
