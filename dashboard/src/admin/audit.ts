/*
 * Two of the three audit logs: the ledger's admin actions (GET /api/admin/audit, generated types) and the console's
 * access audit (GET /api/access-audit, generated from the console's document). The third, the gateway's price
 * changes, is read with the rest of the prices API (prices.ts: usePriceChanges).
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { components } from '../api/generated/ledger';
import type { components as ConsoleApi } from '../api/generated/console';
import { consoleApi, data, ledger } from '../api/services';
import type { Sure } from '../api/types';

export type LedgerAuditPage = components['schemas']['AuditPage'];
export type LedgerAuditEntry = components['schemas']['AuditEntry'];

/** ledger admin/AuditController.TYPES */
export const LEDGER_AUDIT_TYPES = ['GRANT', 'REVOKE', 'ADJUSTMENT', 'BLOCK', 'UNBLOCK', 'CAP', 'PLAN'] as const;

export interface LedgerAuditSearch {
  userId: string;
  type: string;
  /** ISO-8601 instants (the admin's midnights) or undefined. */
  from?: string;
  to?: string;
  page: number;
  size: number;
}

export function useLedgerAudit(search: LedgerAuditSearch) {
  return useQuery({
    queryKey: ['admin-audit', search],
    queryFn: () => data<LedgerAuditPage>(ledger.GET('/api/admin/audit', {
      params: {
        query: {
          userId: search.userId || undefined,
          type: search.type || undefined,
          from: search.from,
          to: search.to,
          page: search.page,
          size: search.size,
        },
      },
    })),
    placeholderData: keepPreviousData,
  });
}

/** console audit/AuditEntry: who did what to access; `details` never holds a secret. */
export type AccessAuditEntry = Sure<ConsoleApi['schemas']['AuditEntry'], 'id' | 'occurredAt' | 'actor' | 'action'>;

export const ACCESS_AUDIT_PAGE = 100;

/** Newest first; each further page asks for the entries before the oldest one shown. */
export function useAccessAudit(filters: { subject: string; action: string }) {
  return useInfiniteQuery({
    queryKey: ['access-audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => data<AccessAuditEntry[]>(consoleApi.GET('/api/access-audit', {
      params: {
        query: {
          before: pageParam,
          subject: filters.subject || undefined,
          action: filters.action || undefined,
          limit: ACCESS_AUDIT_PAGE,
        },
      },
    })),
    getNextPageParam: (last) => (last.length < ACCESS_AUDIT_PAGE ? undefined : last[last.length - 1].id),
  });
}
