/*
 * Usage reports shared by the user, admin and finance areas: the window (days in the viewer's zone), a query hook per
 * ledger report for one account or the organisation, CSV links, and the stacking of days by model for the charts.
 */
export { last30Days, usageWindow, type UsageWindow } from './window';
export { usageCsvHref, useUsageByDay, useUsageByDayPerModel, useUsageByModel, USAGE_REFRESH_MS, type UsageScope } from './queries';
export { stackByModel, topModels, TOP_MODELS, type StackedDays } from './usageSeries';
