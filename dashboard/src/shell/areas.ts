import type { Me } from '../api/types';
import type { Area } from './area';
import { userArea } from '../user/routes';
import { adminArea } from '../admin/routes';
import { financeArea } from '../finance/routes';

/** Every area of the console, in navigation order. */
export const areas: Area[] = [userArea, adminArea, financeArea];

/** The areas a person sees in the navigation: those whose rule allows them (their roles and accounts). */
export function visibleAreas(all: readonly Area[], me: Me): Area[] {
  return all.filter((area) => area.allows(me));
}
