import type { Area } from './area';
import { userArea } from '../user/routes';
import { financeArea } from '../finance/routes';

/** Every area of the console, in navigation order. */
export const areas: Area[] = [userArea, financeArea];
