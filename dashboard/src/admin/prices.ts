/*
 * The gateway's price table (GET /api/prices, pricing/PricesRoutes). The gateway has no OpenAPI document yet, so the
 * shape is typed here by hand from pricing/ModelPrice. Prices are credits per token; 1 credit = 1 micro-USD, so each
 * number is also USD per million tokens. They may have decimals (BigDecimal on the server).
 */
import { useQuery } from '@tanstack/react-query';
import { request } from '../api/client';

/** gateway pricing/ModelPrice; the server fills cachedInput, cacheWrite and reasoning when not configured. */
export interface ModelPrice {
  input: number;
  cachedInput: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  /** The most output tokens a call may produce; null means the admission default. */
  maxOutputTokens?: number | null;
}

export interface PriceTable {
  unit: string;
  models: Record<string, ModelPrice>;
}

export function usePrices() {
  return useQuery({ queryKey: ['prices'], queryFn: () => request<PriceTable>('GET', '/api/prices'), staleTime: 60_000 });
}
