/*
 * Dates are shown in the browser's time zone, always named explicitly to Intl (never the runtime's default), so a
 * person in São Paulo (UTC−3) sees a call made at 01:30 UTC on the day before, and the charts' days are their days.
 */

/** The browser's IANA zone, e.g. America/Sao_Paulo; what every date is shown in and what usage reports are asked for. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** An instant (ISO-8601) as date and time in a zone. */
export function formatDateTime(instant: string | Date, locale: string, timeZone: string = browserTimeZone()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(instant));
}

/** An instant (ISO-8601) as a date in a zone. */
export function formatDate(instant: string | Date, locale: string, timeZone: string = browserTimeZone()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(instant));
}

/** A calendar day (yyyy-MM-dd, already in the person's zone, as usage reports answer) as a short date. */
export function formatDay(day: string, locale: string): string {
  // The day is a date, not an instant: format it at UTC midnight in UTC so no zone shifts it.
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(`${day}T00:00:00Z`));
}

/** The calendar day (yyyy-MM-dd) an instant falls on in a zone. */
export function dayInZone(instant: string | Date, timeZone: string): string {
  // en-CA formats as yyyy-MM-dd.
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })
    .format(new Date(instant));
}

/** How far a zone is ahead of UTC at an instant, in milliseconds (negative west of Greenwich). */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - (at - (at % 1000));
}

/**
 * The instant a calendar day (yyyy-MM-dd) starts in a zone, as ISO-8601: what the statement's date filters send, so
 * "from 1 Dec" means midnight of 1 Dec where the person is, not where the ledger is.
 */
export function startOfDay(day: string, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(year, month - 1, date);
  let instant = utcMidnight - zoneOffsetMs(utcMidnight, timeZone);
  // Once more with the offset at the found instant: right across a daylight-saving change.
  instant = utcMidnight - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The day after a calendar day (yyyy-MM-dd). */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** The calendar day `days` days before a calendar day. */
export function daysBefore(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date - days)).toISOString().slice(0, 10);
}
