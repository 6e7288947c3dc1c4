/*
 * The gateway's price table (GET /api/prices, pricing/PricesRoutes), typed from its OpenAPI document. Prices are
 * credits per token; 1 credit = 1 micro-USD, so each number is also USD per million tokens. They may have decimals
 * (BigDecimal on the server).
 */
import { useQuery } from '@tanstack/react-query';
import type { components } from '../api/generated/gateway';
import { data, gateway } from '../api/services';

type Gateway = components['schemas'];

/**
 * gateway pricing/ModelPrice (the generated PriceList's entries); the server fills cachedInput, cacheWrite and
 * reasoning when not configured. `maxOutputTokens` absent means the admission default.
 */
export type ModelPrice = Omit<Required<Gateway['ModelPrice']>, 'maxOutputTokens'> & { maxOutputTokens?: number | null };

export type PriceTable = Omit<Required<Gateway['PriceList']>, 'models'> & { models: Record<string, ModelPrice> };

export function usePrices() {
  return useQuery({ queryKey: ['prices'], queryFn: () => data<PriceTable>(gateway.GET('/api/prices')), staleTime: 60_000 });
}
