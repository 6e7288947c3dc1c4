/*
 * A query hook per API call of the finance pages (TanStack Query), through the one API client. The organisation's
 * usage comes from the ledger's aggregates (src/usage, shared with the other areas; the top users here); purchases, refunds and disputes from the payment
 * service; the audit replay from the ledger.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client';
import { answered, data, ledger, payment } from '../api/services';
import type {
  DisputePage, ManualPurchaseRequest, PurchasePage, PurchaseView, RefundAnswer, RefundPage, RefundRequest, ReplayReport,
  ReconciliationReport, ReplayRun, UsageReport, UserUsage,
} from './types';
import type { UsageWindow } from '../usage';

/** How many users the top-users report lists. */
export const TOP_USERS = 10;

export function useTopUsers(window: UsageWindow, limit: number = TOP_USERS) {
  return useQuery({
    queryKey: ['finance', 'top-users', window, limit],
    queryFn: () => data<UsageReport<UserUsage>>(ledger.GET('/api/admin/usage/top-users', { params: { query: { ...window, limit } } })),
  });
}

/** The three finance listings of the payment service, by the name of their array in the answer. */
export type ListingKind = 'purchases' | 'refunds' | 'disputes';

interface ListingPages {
  purchases: PurchasePage;
  refunds: RefundPage;
  disputes: DisputePage;
}

/** One server page of a listing; `params` are the filters exactly as the API reads them (see listingParams). */
export function useListing<K extends ListingKind>(kind: K, params: Record<string, string>, page: number, size: number) {
  return useQuery({
    queryKey: ['finance', kind, params, page, size],
    queryFn: () => request<ListingPages[K]>('GET', `/api/payments/${kind}`, { query: { ...params, page, size } }),
    placeholderData: keepPreviousData,
  });
}

export interface RefundCommand {
  purchaseId: string;
  body: RefundRequest;
  /** One key per refund the person means, so a double submit or a retry never refunds twice. */
  idempotencyKey: string;
}

export function useRefund() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ purchaseId, body, idempotencyKey }: RefundCommand) =>
      answered<RefundAnswer>(payment.POST('/api/payments/purchases/{purchaseId}/refunds', {
        params: { path: { purchaseId }, header: { 'Idempotency-Key': idempotencyKey } },
        body,
      })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['finance', 'purchases'] });
      void client.invalidateQueries({ queryKey: ['finance', 'refunds'] });
    },
  });
}

export function useManualPurchase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ManualPurchaseRequest) => answered<PurchaseView>(payment.POST('/api/payments/manual-purchases', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['finance', 'purchases'] }),
  });
}

/** While a replay runs the history is re-read this often, so runs by others (or the command line) show up. */
export const RUNS_POLL_MS = 2_000;

export function useReplayRuns(polling: boolean) {
  return useQuery({
    queryKey: ['finance', 'replay-runs'],
    queryFn: () => data<ReplayRun[]>(ledger.GET('/api/admin/audit/replays')),
    refetchInterval: polling ? RUNS_POLL_MS : false,
  });
}

/** Runs the audit replay; the ledger answers only when it has finished (synchronous), with its report. */
export function useRunReplay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (source: string) => data<ReplayReport>(ledger.POST('/api/admin/replay', { params: { query: { source: source || undefined } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: ['finance', 'replay-runs'] }),
  });
}

/** Creditgate's usage beside the provider's for UTC days `from` to `to` (both inclusive, yyyy-MM-dd). */
export function useReconciliation(from: string, to: string) {
  return useQuery({
    queryKey: ['finance', 'reconciliation', from, to],
    queryFn: () => data<ReconciliationReport>(ledger.GET('/api/finance/reconciliation', { params: { query: { from, to } } })),
  });
}
