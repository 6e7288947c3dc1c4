import type { ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import type { Me } from '../api/types';

/** One entry of the side navigation. `path` is relative to /app (no leading slash; '' for the area's start). */
export interface NavItem {
  path: string;
  labelId: string;
  icon: ReactElement;
}

/**
 * An area of the console (user, admin, finance): its pages, its navigation, and who may see it. The shell lists the
 * areas in shell/areas.ts; an area lives in its own folder and is added there with one import and one entry.
 */
export interface Area {
  id: string;
  /** The heading of the area's group in the side navigation. */
  titleId: string;
  allows: (me: Me) => boolean;
  routes: RouteObject[];
  nav: NavItem[];
}
