import { useState } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { LocaleProvider } from './i18n/LocaleProvider';
import { makeQueryClient } from './queryClient';
import { appRoutes } from './shell/routes';
import { areas } from './shell/areas';

/** The console's single-page app, served by the console at /app/. */
export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  const [router] = useState(() => createBrowserRouter(appRoutes(areas), { basename: '/app' }));
  return (
    <QueryClientProvider client={client}>
      <LocaleProvider>
        <RouterProvider router={router} />
      </LocaleProvider>
    </QueryClientProvider>
  );
}
