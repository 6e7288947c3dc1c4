import type { Area } from './area';
import { userArea } from '../user/routes';
import { adminArea } from '../admin/routes';

/** Every area of the console, in navigation order. */
export const areas: Area[] = [userArea, adminArea];
