import type { RouteObject } from 'react-router';
import { AppShell } from './AppShell';
import { AreaGuard } from './AreaGuard';
import { NotFound } from './NotFound';
import type { Area } from './area';

/** Every area's routes under the shell, each page guarded by its area's rule. */
export function appRoutes(areas: Area[]): RouteObject[] {
  const guarded = (area: Area, route: RouteObject): RouteObject => ({
    ...route,
    element: <AreaGuard area={area} areas={areas}>{route.element}</AreaGuard>,
  }) as RouteObject;
  return [{
    path: '/',
    element: <AppShell />,
    children: [...areas.flatMap((area) => area.routes.map((route) => guarded(area, route))), { path: '*', element: <NotFound /> }],
  }];
}
