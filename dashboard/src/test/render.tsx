import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { LocaleProvider } from '../i18n/LocaleProvider';
import type { Locale } from '../i18n/locales';
import { appRoutes } from '../shell/routes';
import { areas } from '../shell/areas';
import { MeContext } from '../api/me';
import type { Me } from '../api/types';

export const alice: Me = {
  id: 'p-1', email: 'alice@example.com', name: 'Alice', roles: ['user'], accounts: ['alice@example.com'], via: 'session',
};

function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
}

/** The whole app (shell, routes) at a path, with a fresh query cache. */
export function renderApp(path: string, locale: Locale = 'en') {
  const router = createMemoryRouter(appRoutes(areas), { initialEntries: [path] });
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <LocaleProvider initial={locale}>
        <RouterProvider router={router} />
      </LocaleProvider>
    </QueryClientProvider>,
  );
}

/** One component inside the providers and a signed-in person, without the shell. */
export function renderWith(ui: ReactElement, { me = alice, locale = 'en' as Locale, path = '/' } = {}) {
  const router = createMemoryRouter([{ path: '*', element: <MeContext.Provider value={me}>{ui}</MeContext.Provider> }],
    { initialEntries: [path] });
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <LocaleProvider initial={locale}>
        <RouterProvider router={router} />
      </LocaleProvider>
    </QueryClientProvider>,
  );
}
