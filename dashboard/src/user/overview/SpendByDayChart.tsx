import { Card, CardContent, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { FormattedMessage, useIntl } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { LoadingState } from '../../common/LoadingState';
import { formatCredits, formatDay } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { stackByModel, useUsageByDayPerModel, type UsageWindow } from '../../usage';

/**
 * Spend per day of the window, stacked by model. The ledger has no by-day-and-model report yet, so this asks by-day
 * once for the account and once per top model (model=…), all in parallel.
 */
export function SpendByDayChart({ userId, window, models }: { userId: string; window: UsageWindow; models: string[] | undefined }) {
  const { locale } = useLocale();
  const intl = useIntl();
  const wanted: (string | undefined)[] = [undefined, ...(models ?? [])];
  const reports = useUsageByDayPerModel({ userId }, window, wanted, models !== undefined);
  const failed = reports.find((r) => r.isError);
  let body;
  if (failed) {
    body = <ErrorState error={failed.error} onRetry={() => reports.forEach((r) => void r.refetch())} />;
  } else if (models === undefined || reports.some((r) => !r.data)) {
    body = <LoadingState lines={6} />;
  } else {
    const [total, ...perModel] = reports.map((r) => r.data!);
    const stacked = stackByModel(total, perModel.map((report, i) => ({ model: models[i], report })));
    const spent = stacked.series.some((s) => s.credits.some((c) => c > 0));
    body = !spent ? <EmptyState message={<FormattedMessage id="user.usage.none" />} /> : (
      <BarChart
        height={300}
        xAxis={[{ scaleType: 'band', data: stacked.days, valueFormatter: (day: string) => formatDay(day, locale) }]}
        yAxis={[{ valueFormatter: (v: number | null) => formatCredits(v ?? 0, locale), width: 90 }]}
        series={stacked.series.map((s) => ({
          data: s.credits,
          stack: 'cost',
          label: s.model ?? intl.formatMessage({ id: 'user.usage.otherModels' }),
          valueFormatter: (v: number | null) => intl.formatMessage({ id: 'user.credits' }, { credits: formatCredits(v ?? 0, locale) }),
        }))}
      />
    );
  }
  return (
    <Card>
      <CardContent>
        <Typography variant="h2" component="h2" gutterBottom><FormattedMessage id="user.usage.byDay" /></Typography>
        {body}
      </CardContent>
    </Card>
  );
}
