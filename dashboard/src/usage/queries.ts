/*
 * The usage reports every area shows, one hook per report: a user's own (user area), one user's for an admin, and
 * everyone's (admin and finance). They all answer from the ledger's aggregates; only the path differs by scope.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { data, ledger } from '../api/services';
import type { DayUsage, ModelUsage, UsageReport } from '../api/types';
import { csvHref } from '../common/csv';
import type { UsageWindow } from './window';

/** Whose usage: one account's, or the whole organisation's (the ledger's /api/admin/usage, admin and finance only). */
export type UsageScope = { userId: string } | 'organisation';

/** The usage reports refresh this often, so a chat's cost shows up without a reload. */
export const USAGE_REFRESH_MS = 30_000;

const scopeKey = (scope: UsageScope) => (scope === 'organisation' ? 'organisation' : scope.userId);

function byModel(scope: UsageScope, window: UsageWindow) {
  const query = { ...window };
  return scope === 'organisation'
    ? ledger.GET('/api/admin/usage/by-model', { params: { query } })
    : ledger.GET('/api/accounts/{userId}/usage/by-model', { params: { path: { userId: scope.userId }, query } });
}

function byDay(scope: UsageScope, window: UsageWindow, model: string | undefined) {
  const query = { ...window, model };
  return scope === 'organisation'
    ? ledger.GET('/api/admin/usage/by-day', { params: { query } })
    : ledger.GET('/api/accounts/{userId}/usage/by-day', { params: { path: { userId: scope.userId }, query } });
}

export function useUsageByModel(scope: UsageScope, window: UsageWindow) {
  return useQuery({
    queryKey: ['usage', 'by-model', scopeKey(scope), window],
    queryFn: () => data<UsageReport<ModelUsage>>(byModel(scope, window)),
    refetchInterval: USAGE_REFRESH_MS,
  });
}

/** By-day usage for the whole scope, or one model's when `model` is given. */
export function useUsageByDay(scope: UsageScope, window: UsageWindow, model?: string) {
  return useQuery(byDayQuery(scope, window, model, true));
}

function byDayQuery(scope: UsageScope, window: UsageWindow, model: string | undefined, enabled: boolean) {
  return {
    queryKey: ['usage', 'by-day', scopeKey(scope), window, model ?? null],
    queryFn: () => data<UsageReport<DayUsage>>(byDay(scope, window, model)),
    enabled,
    refetchInterval: USAGE_REFRESH_MS,
  };
}

/**
 * By-day usage once for the whole scope (model undefined) and once per named model, in parallel: the ledger has no
 * by-day-and-model report, so the stacked charts put these together (stackByModel).
 */
export function useUsageByDayPerModel(scope: UsageScope, window: UsageWindow, models: (string | undefined)[], enabled: boolean) {
  return useQueries({
    queries: models.map((model) => byDayQuery(scope, window, model, enabled)),
  });
}

/** The same report as CSV, written by the ledger. */
export function usageCsvHref(scope: UsageScope, report: 'by-day' | 'by-model', window: UsageWindow): string {
  const base = scope === 'organisation' ? '/api/admin/usage' : `/api/accounts/${encodeURIComponent(scope.userId)}/usage`;
  return csvHref(`${base}/${report}`, { ...window });
}
