/*
 * The admin's accounts grid: ledger GET /api/admin/accounts (query/AccountListController). It is being added to the
 * ledger while this is written and is not in openapi/ledger.json yet, so its shapes are typed here by hand from
 * query/AccountListItem and query/AccountListPage; the lead swaps in the generated types once the document has them.
 * Amounts are credits (1 credit = 1 micro-USD); instants are ISO-8601 strings.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request } from '../api/client';

/** ledger query/AccountListItem (hand-typed until openapi/ledger.json has it). */
export interface AccountListItem {
  userId: string;
  balanceCredits: number;
  spendableCredits: number;
  cycleCredits: number;
  spentCycleCredits: number;
  /** Absent when the account has no cycle cap. */
  cycleCapCredits?: number;
  status: 'ACTIVE' | 'EXHAUSTED' | 'BLOCKED' | string;
  planId?: string;
  /** Absent when the plan never renews. */
  cycleEndsAt?: string;
  updatedAt?: string;
}

/** ledger query/AccountListPage (hand-typed until openapi/ledger.json has it); `total` counts every page. */
export interface AccountListPage {
  items: AccountListItem[];
  page: number;
  size: number;
  total: number;
}

/** The columns the ledger sorts by. */
export const ACCOUNT_SORTS = ['userId', 'balanceCredits', 'status', 'spentCycleCredits', 'updatedAt'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export const ACCOUNT_STATUSES = ['ACTIVE', 'EXHAUSTED', 'BLOCKED'] as const;

export interface AccountSearch {
  /** Substring of the user id; '' for every account. */
  q: string;
  /** One of ACCOUNT_STATUSES, or '' for every status. */
  status: string;
  page: number;
  size: number;
  sort?: AccountSort;
  direction?: 'asc' | 'desc';
}

export function useAccountList(search: AccountSearch) {
  return useQuery({
    queryKey: ['admin-accounts', search],
    queryFn: () => request<AccountListPage>('GET', '/api/admin/accounts', {
      query: {
        q: search.q || undefined,
        status: search.status || undefined,
        page: search.page,
        size: search.size,
        sort: search.sort,
        direction: search.sort ? search.direction : undefined,
      },
    }),
    // Keeps the current page on screen while the next one loads, so the grid does not flash empty.
    placeholderData: keepPreviousData,
  });
}
