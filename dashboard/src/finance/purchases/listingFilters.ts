import { instantRange, OPEN_RANGE, type DayRange } from '../../common/dayRange';

/** The filters of a finance listing as the page holds them ('' = any). */
export interface ListingFilterValues {
  userId: string;
  method: string;
  status: string;
  range: DayRange;
}

export const NO_FILTERS: ListingFilterValues = { userId: '', method: '', status: '', range: OPEN_RANGE };

/** The filters as the payment service reads them: only those set, the dates as the person's midnights. */
export function listingParams(filters: ListingFilterValues, zone: string): Record<string, string> {
  const params: Record<string, string> = {};
  const userId = filters.userId.trim();
  if (userId) params.userId = userId;
  if (filters.method) params.method = filters.method;
  if (filters.status) params.status = filters.status;
  const { from, to } = instantRange(filters.range, zone);
  if (from) params.from = from;
  if (to) params.to = to;
  return params;
}
