import { browserTimeZone, dayInZone, daysBefore, nextDay } from '../format';
import type { DayRange } from '../common/dayRange';

/**
 * A usage report's window as the ledger reads it: calendar days in `zone` (yyyy-MM-dd), `from` inclusive, `to`
 * exclusive. Every usage page (a user's, an admin's view of a user, the organisation's) asks with one of these.
 */
export interface UsageWindow {
  from: string;
  to: string;
  /** The browser's IANA zone: the days are the viewer's days. */
  zone: string;
}

/** The last 30 days up to today, counted in `zone`. */
export function last30Days(now: Date = new Date(), zone: string = browserTimeZone()): UsageWindow {
  const to = nextDay(dayInZone(now, zone));
  return { from: daysBefore(to, 30), to, zone };
}

/** A window from days picked in date inputs (both inclusive): the ledger's `to` is exclusive, so the day after. */
export function usageWindow(range: DayRange, zone: string): UsageWindow {
  return { from: range.fromDay, to: nextDay(range.toDay), zone };
}
