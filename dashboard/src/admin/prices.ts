/*
 * The gateway's prices (pricing/PricesRoutes, docs/prices.md), typed from its OpenAPI document: the table in use
 * (GET /api/prices), what a name would be charged as (GET /api/prices/resolve), the admins' change log
 * (GET /api/admin/price-changes) and a change (POST /api/admin/price-changes). Prices are credits per token; 1 credit
 * = 1 micro-USD, so each number is also USD per million tokens. They may have decimals (BigDecimal on the server).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../api/generated/gateway';
import { data, gateway } from '../api/services';

type Gateway = components['schemas'];

/** The five rates of a price, in credits per token. */
export const RATE_FIELDS = ['input', 'cachedInput', 'cacheWrite', 'output', 'reasoning'] as const;
export type RateField = (typeof RATE_FIELDS)[number];

/** The token limits a price may carry besides its rates. */
export const TOKEN_FIELDS = ['maxOutputTokens', 'contextWindow'] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

/**
 * gateway pricing/ModelPrice: the server fills cachedInput, cacheWrite and reasoning when not set. springdoc marks no
 * field required, so the rates are made sure here; `maxOutputTokens` absent means the admission default,
 * `contextWindow` absent means unknown.
 */
export type ModelPrice = Required<Pick<Gateway['ModelPrice'], RateField>> & {
  maxOutputTokens?: number | null;
  contextWindow?: number | null;
  /** The dearer rates of a prompt longer than `aboveTokens` (absent: none); a rate absent keeps the normal one. */
  longContext?: LongContext | null;
};

/** gateway pricing/ModelPrice.LongContext. */
export type LongContext = Required<Pick<Gateway['LongContext'], 'aboveTokens' | 'input'>>
  & Pick<Gateway['LongContext'], 'cachedInput' | 'cacheWrite' | 'output' | 'reasoning'>;

/** One priced model: its price and where it came from (`catalogue@<date>`, `config` or `change-<n>`). */
export interface PriceEntry {
  price: ModelPrice;
  version: string;
}

/** gateway pricing/PriceList: every model with a price of its own, and the aliases (alias → model). */
export type PriceTable = Omit<Required<Gateway['PriceList']>, 'models' | 'aliases'> & {
  models: Record<string, PriceEntry>;
  aliases: Record<string, string>;
};

/** gateway GET /api/prices/resolve: the name asked, the priced model it resolved to, its price and version. */
export type ResolvedPrice = Required<Omit<Gateway['Resolved'], 'price'>> & { price: ModelPrice };

/** One recorded change (gateway PriceChangesApi.ChangeView). */
export type PriceChangeView = Required<Pick<Gateway['ChangeView'], 'id' | 'version' | 'action' | 'model' | 'actor' | 'reason'>>
  & Omit<Gateway['ChangeView'], 'id' | 'version' | 'action' | 'model' | 'actor' | 'reason' | 'price'>
  & { price?: ModelPrice | null };

export type PriceChangePage = Omit<Required<Gateway['ChangePage']>, 'items' | 'model'> & { model?: string | null; items: PriceChangeView[] };

export function usePrices() {
  return useQuery({ queryKey: ['prices'], queryFn: () => data<PriceTable>(gateway.GET('/api/prices')), staleTime: 60_000 });
}

/** What a call naming `model` would be charged as now; idle while `model` is empty. Under ['prices'], so a change refreshes it. */
export function useResolvedPrice(model: string) {
  return useQuery({
    queryKey: ['prices', 'resolve', model],
    queryFn: () => data<ResolvedPrice>(gateway.GET('/api/prices/resolve', { params: { query: { model } } })),
    enabled: model !== '',
    retry: false,
  });
}

export interface PriceChangeSearch {
  /** Only this model's or alias's changes; '' for all. */
  model: string;
  page: number;
  size: number;
}

/** The price audit log, newest first, paged by the gateway. */
export function usePriceChanges(search: PriceChangeSearch) {
  return useQuery({
    queryKey: ['price-changes', search],
    queryFn: () => data<PriceChangePage>(gateway.GET('/api/admin/price-changes', {
      params: { query: { model: search.model || undefined, page: search.page, size: search.size } },
    })),
    placeholderData: keepPreviousData,
  });
}

/**
 * A price as the admin typed it: each value is the text of a decimal already checked by `decimalText` (rates) or
 * `tokensText` (limits), written into the JSON as typed so that 0.075 stays 0.075 (no float on the way).
 */
export type PriceText = Partial<Record<RateField | TokenField, string>>;

/** A change to record (gateway PriceChangesApi.ChangeRequest); `effectiveAt` absent means at once. */
export type PriceChangeRequest =
  | { action: 'SET'; model: string; price: PriceText; longContext?: LongContext; effectiveAt?: string; reason: string }
  | { action: 'RESET'; model: string; effectiveAt?: string; reason: string }
  | { action: 'ALIAS'; model: string; aliasOf: string; reason: string }
  | { action: 'UNALIAS'; model: string; reason: string };

/** A JSON number as the gateway reads rates: digits, optionally a point and at most 12 decimals (RATE_SCALE_MAX). */
const RATE_JSON = /^(0|[1-9]\d*)(\.\d{1,12})?$/;
const TOKENS_JSON = /^[1-9]\d*$/;

/**
 * The request's JSON text. Rates go in verbatim as JSON numbers: JSON.stringify of a parsed float would write what
 * the float holds, which for some decimals differs from what the admin typed (and may use an exponent).
 */
export function priceChangeJson(request: PriceChangeRequest): string {
  const longContext = request.action === 'SET' ? request.longContext : undefined;
  const members = Object.entries(request)
    .filter(([key, value]) => value !== undefined && key !== 'longContext')
    .map(([key, value]) => `${JSON.stringify(key)}:${key === 'price' ? priceJson(value as PriceText, longContext) : JSON.stringify(value)}`);
  return `{${members.join(',')}}`;
}

/**
 * The price object. A long-context tier the row already had goes back as the gateway sent it (numbers it wrote,
 * which JSON.stringify writes back to the same decimal): a SET without it would drop the model's long-prompt rates.
 */
function priceJson(price: PriceText, longContext?: LongContext): string {
  const members = Object.entries(price)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => {
      const pattern = (TOKEN_FIELDS as readonly string[]).includes(key) ? TOKENS_JSON : RATE_JSON;
      if (!pattern.test(value!)) throw new Error(`price.${key} is not a number: ${value}`);
      return `${JSON.stringify(key)}:${value}`;
    });
  if (longContext) members.push(`"longContext":${JSON.stringify(longContext)}`);
  return `{${members.join(',')}}`;
}

/** Records a change; the table, every resolved name and the audit log are read again after it. */
export function usePriceChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: PriceChangeRequest) => data<PriceChangeView>(gateway.POST('/api/admin/price-changes', {
      // The typed body is only what openapi-fetch checks; what goes out is the exact text priceChangeJson writes.
      body: {} as Gateway['ChangeRequest'],
      bodySerializer: () => priceChangeJson(request),
      headers: { 'Content-Type': 'application/json' },
    })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['prices'] });
      void client.invalidateQueries({ queryKey: ['price-changes'] });
    },
  });
}
