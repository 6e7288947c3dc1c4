/*
 * Typed clients of the services that publish an OpenAPI document: a renamed path or parameter fails the build.
 * `request` in client.ts remains for the one call whose path is chosen at run time (finance's listings by kind).
 */
import { apiClient, unwrap, unwrapAnswered, type Answered } from './client';
import type { paths as LedgerPaths } from './generated/ledger';
import type { paths as PaymentPaths } from './generated/payment';
import type { paths as AlertPaths } from './generated/alert';
import type { paths as ConsolePaths } from './generated/console';
import type { paths as GatewayPaths } from './generated/gateway';

export const ledger = apiClient<LedgerPaths>();
export const payment = apiClient<PaymentPaths>();
export const alert = apiClient<AlertPaths>();
export const consoleApi = apiClient<ConsolePaths>();
export const gateway = apiClient<GatewayPaths>();

/** Awaits an openapi-fetch call and answers its data as T with the HTTP status, or throws the API's refusal. */
export async function answered<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<Answered<T>> {
  return unwrapAnswered<T>(await call);
}

/** Awaits an openapi-fetch call and answers its data as T, or throws the API's refusal. */
export async function data<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  return unwrap<T>(await call);
}
