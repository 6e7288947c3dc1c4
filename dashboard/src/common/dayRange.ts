import { dayInZone, daysBefore, nextDay, startOfDay } from '../format';

/** A range of calendar days in the person's zone, both ends inclusive (yyyy-MM-dd; '' = open), as date inputs hold it. */
export interface DayRange {
  fromDay: string;
  toDay: string;
}

export const OPEN_RANGE: DayRange = { fromDay: '', toDay: '' };

/** The last `days` days up to today, in the person's zone. */
export function lastDays(days: number, zone: string, now: Date = new Date()): DayRange {
  const toDay = dayInZone(now, zone);
  return { fromDay: daysBefore(toDay, days - 1), toDay };
}

/** Whether the range can be asked for: both ends set for a report, and from not after to. */
export function isValidRange(range: DayRange, bothRequired: boolean): boolean {
  if (bothRequired && (!range.fromDay || !range.toDay)) {
    return false;
  }
  return !range.fromDay || !range.toDay || range.fromDay <= range.toDay;
}

/**
 * A listing's time filter as instants: the payment service reads a bare date as a UTC day, so the person's midnights
 * are sent instead ("from 1 Dec" is midnight of 1 Dec where they are); `to` is exclusive, so the next day's.
 */
export function instantRange(range: DayRange, zone: string): { from?: string; to?: string } {
  return {
    from: range.fromDay ? startOfDay(range.fromDay, zone) : undefined,
    to: range.toDay ? startOfDay(nextDay(range.toDay), zone) : undefined,
  };
}
