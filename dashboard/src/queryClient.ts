import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/errors';

/** Server state: a refusal (4xx) is not retried — the person is told at once; a 5xx or network error twice. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
}
