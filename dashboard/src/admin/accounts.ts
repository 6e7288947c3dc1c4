/*
 * The admin's accounts grid: ledger GET /api/admin/accounts (query/AccountListController), typed from the ledger's
 * OpenAPI document. Amounts are credits (1 credit = 1 micro-USD); instants are ISO-8601 strings.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { components } from '../api/generated/ledger';
import { data, ledger } from '../api/services';
import type { Sure } from '../api/types';

type Ledger = components['schemas'];

/** ledger query/AccountListItem; `cycleCapCredits` and `cycleEndsAt` are absent when there is no cap or renewal. */
export type AccountListItem = Sure<Ledger['AccountListItem'], 'userId' | 'balanceCredits' | 'spendableCredits' | 'cycleCredits'
  | 'spentCycleCredits' | 'status'>;

/** ledger query/AccountListPage; `total` counts every page. */
export type AccountListPage = Omit<Sure<Ledger['AccountListPage'], 'page' | 'size' | 'total'>, 'items'> & {
  items: AccountListItem[];
};

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
    queryFn: () => data<AccountListPage>(ledger.GET('/api/admin/accounts', {
      params: {
        query: {
          q: search.q || undefined,
          status: search.status || undefined,
          page: search.page,
          size: search.size,
          sort: search.sort,
          direction: search.sort ? search.direction : undefined,
        },
      },
    })),
    // Keeps the current page on screen while the next one loads, so the grid does not flash empty.
    placeholderData: keepPreviousData,
  });
}
