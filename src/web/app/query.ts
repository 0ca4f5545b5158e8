// The web's query cache (TanStack Query), one per mounted face.
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

/** Data the pages read: read when a page opens, then again only when an event or a resumed
 * socket says it changed (see live.ts), so an idle page asks nothing of the server. A
 * refusal (4xx) is not retried. */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        refetchOnReconnect: true,
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
}
