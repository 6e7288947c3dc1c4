/*
 * A query or mutation hook per ledger call of the admin's user page, typed calls on the ledger's OpenAPI document.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { data, ledger } from '../api/services';
import type { components } from '../api/generated/ledger';
import type { AccountView } from '../api/types';

type Schemas = components['schemas'];
export type GrantBody = Schemas['GrantRequest'];
export type AdjustmentBody = Schemas['Adjustment'];
export type CycleCapBody = Schemas['CycleCap'];
export type PlanBody = Schemas['PlanAssignment'];
export type Plans = Schemas['Plans'];
export type PlanTerms = Schemas['PlanTerms'];

export const accountKey = (userId: string) => ['admin-account', userId] as const;

/** One account with its grants (ledger GET /api/accounts/{userId}; admins may read any). */
export function useUserAccount(userId: string) {
  return useQuery({
    queryKey: accountKey(userId),
    queryFn: () => data<AccountView>(ledger.GET('/api/accounts/{userId}', { params: { path: { userId } } })),
  });
}

/** The configured plans (ledger GET /api/plans), for the change-plan dialog. */
export function usePlans(enabled = true) {
  return useQuery({
    queryKey: ['plans'],
    queryFn: () => data<Plans>(ledger.GET('/api/plans')),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Every ledger action on an account; each answers the account after it, which replaces the cached one. */
export type LedgerAction =
  | { kind: 'grant'; body: GrantBody }
  | { kind: 'adjust'; body: AdjustmentBody }
  | { kind: 'block'; reason: string }
  | { kind: 'unblock'; reason: string }
  | { kind: 'plan'; body: PlanBody }
  | { kind: 'cycleCap'; body: CycleCapBody }
  | { kind: 'revoke'; grantId: string; reason: string };

function send(userId: string, action: LedgerAction): Promise<AccountView> {
  const account = { params: { path: { userId } } };
  switch (action.kind) {
    case 'grant': return data(ledger.POST('/api/admin/accounts/{userId}/grants', { ...account, body: action.body }));
    case 'adjust': return data(ledger.POST('/api/admin/accounts/{userId}/adjustments', { ...account, body: action.body }));
    case 'block': return data(ledger.POST('/api/admin/accounts/{userId}/block', { ...account, body: { reason: action.reason } }));
    case 'unblock': return data(ledger.POST('/api/admin/accounts/{userId}/unblock', { ...account, body: { reason: action.reason } }));
    case 'plan': return data(ledger.PUT('/api/admin/accounts/{userId}/plan', { ...account, body: action.body }));
    case 'cycleCap': return data(ledger.PUT('/api/admin/accounts/{userId}/cycle-cap', { ...account, body: action.body }));
    case 'revoke': return data(ledger.POST('/api/admin/accounts/{userId}/grants/{grantId}/revoke',
      { params: { path: { userId, grantId: action.grantId } }, body: { reason: action.reason } }));
  }
}

export function useLedgerAction(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: LedgerAction) => send(userId, action),
    onSuccess: (account) => {
      client.setQueryData(accountKey(userId), account);
      void client.invalidateQueries({ queryKey: ['admin-accounts'] });
      void client.invalidateQueries({ queryKey: ['admin-audit'] });
    },
  });
}

/**
 * An idempotency key for one dialog's submission: a retry of the same submission grants or adjusts once. Built from
 * getRandomValues, not randomUUID, because randomUUID exists only in secure contexts and the console may be served
 * over plain http on a LAN address.
 */
export function newIdempotencyId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // a version-4 UUID, so the id reads like the ones the ledger makes
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
