/*
 * A query hook per API call of the user pages (TanStack Query). Keys start with the account id so one account's
 * data never shows on another's page.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { data, ledger, payment } from '../api/services';
import { ApiError } from '../api/errors';
import type {
  AccountView, AutoTopUpRequest, AutoTopUpView, CardCheckoutStarted, CheckoutStarted, PackList, PaymentStatus, PurchasePage,
  SubscriptionCheckoutStarted, SubscriptionOffer, SubscriptionView, TransactionPage,
} from '../api/types';
import { createKey, listKeys, revokeKey, type CreateKeyRequest } from '../api/keys';

/** The balance refreshes every 5 s and on focus, so a chat's cost shows without a reload. */
export const ACCOUNT_REFRESH_MS = 5_000;

export function useAccount(userId: string, refetchInterval: number | false = ACCOUNT_REFRESH_MS) {
  return useQuery({
    queryKey: ['account', userId],
    queryFn: () => data<AccountView>(ledger.GET('/api/accounts/{userId}', { params: { path: { userId } } })),
    refetchInterval,
    refetchOnWindowFocus: true,
  });
}

export interface StatementQuery {
  page: number;
  size: number;
  types: string[];
  /** ISO-8601 instants (the person's day boundaries), or undefined for open ends. */
  from?: string;
  to?: string;
}

export function useTransactions(userId: string, q: StatementQuery) {
  return useQuery({
    queryKey: ['transactions', userId, q],
    queryFn: () => data<TransactionPage>(ledger.GET('/api/accounts/{userId}/transactions', {
      params: {
        path: { userId },
        query: { page: q.page, size: q.size, type: q.types.length ? [q.types.join(',')] : undefined, from: q.from, to: q.to },
      },
    })),
    placeholderData: (previous) => previous,
  });
}

export function usePacks() {
  return useQuery({
    queryKey: ['packs'],
    queryFn: () => data<PackList>(payment.GET('/api/payments/packs')).then((answer) => answer.packs),
    staleTime: 5 * 60_000,
  });
}

export function usePaymentStatus() {
  return useQuery({
    queryKey: ['payment-status'],
    queryFn: () => data<PaymentStatus>(payment.GET('/api/payments/status')),
    staleTime: 5 * 60_000,
  });
}

export function usePurchases(userId: string) {
  return useQuery({
    queryKey: ['purchases', userId],
    queryFn: () => data<PurchasePage>(payment.GET('/api/payments/users/{userId}/purchases', { params: { path: { userId } } }))
      .then((answer) => answer.purchases ?? []),
  });
}

/** Starts a pack Checkout; the caller sends the browser to the answered URL. */
export function useCheckout() {
  return useMutation({
    mutationFn: (body: { packId: string; userId: string }) =>
      data<CheckoutStarted>(payment.POST('/api/payments/checkout', { body })),
  });
}

export function useAutoTopUp(userId: string) {
  return useQuery({
    queryKey: ['auto-top-up', userId],
    queryFn: () => data<AutoTopUpView>(payment.GET('/api/payments/users/{userId}/auto-top-up', { params: { path: { userId } } })),
  });
}

export function useSaveAutoTopUp(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AutoTopUpRequest) => data<AutoTopUpView>(payment.PUT('/api/payments/users/{userId}/auto-top-up',
      { params: { path: { userId } }, body })),
    onSuccess: (saved) => client.setQueryData(['auto-top-up', userId], saved),
  });
}

export function useSaveCard(userId: string) {
  return useMutation({
    mutationFn: () => data<CardCheckoutStarted>(payment.POST('/api/payments/users/{userId}/auto-top-up/card', { params: { path: { userId } } })),
  });
}

export function useSubscriptionOffers() {
  return useQuery({
    queryKey: ['subscription-offers'],
    queryFn: () => data<SubscriptionOffer[]>(payment.GET('/api/payments/subscription-offers')),
    staleTime: 5 * 60_000,
  });
}

/** The account's subscription, or null when it has none (the API answers 404 then). */
export function useSubscription(userId: string) {
  return useQuery({
    queryKey: ['subscription', userId],
    queryFn: () => data<SubscriptionView>(payment.GET('/api/payments/users/{userId}/subscription', { params: { path: { userId } } }))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
  });
}

export function useSubscribe() {
  return useMutation({
    mutationFn: (body: { offerId: string; userId: string }) =>
      data<SubscriptionCheckoutStarted>(payment.POST('/api/payments/subscriptions/checkout', { body })),
  });
}

export function useCancelSubscription(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => data<SubscriptionView>(payment.DELETE('/api/payments/users/{userId}/subscription', { params: { path: { userId } } })),
    onSuccess: (view) => client.setQueryData(['subscription', userId], view),
  });
}

export function useKeys(userId: string) {
  return useQuery({ queryKey: ['keys', userId], queryFn: () => listKeys(userId) });
}

export function useCreateKey(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<CreateKeyRequest, 'userId'>) => createKey({ ...body, userId }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['keys', userId] }),
  });
}

export function useRevokeKey(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeKey(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['keys', userId] }),
  });
}
