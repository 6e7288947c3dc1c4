import { BarChart } from '@mui/x-charts/BarChart';
import { FormattedMessage, useIntl } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { LoadingState } from '../../common/LoadingState';
import { formatCredits, formatDay } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { CsvLink } from '../../common/CsvLink';
import { stackByModel, usageCsvHref, useUsageByDayPerModel, type UsageWindow } from '../../usage';
import { ReportCard } from '../ReportCard';

/**
 * The organisation's cost per day, stacked by its top models (the rest as "other models"): by-day once for everyone
 * and once per top model, in parallel, because the ledger has no by-day-and-model report.
 */
export function CostByDayChart({ window, models }: { window: UsageWindow; models: string[] | undefined }) {
  const { locale } = useLocale();
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'finance.reports.byDay' });
  const reports = useUsageByDayPerModel('organisation', window, [undefined, ...(models ?? [])], models !== undefined);
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
    const credits = (v: number | null) => intl.formatMessage({ id: 'finance.credits' }, { credits: formatCredits(v ?? 0, locale) });
    body = !spent ? <EmptyState message={<FormattedMessage id="finance.reports.none" />} /> : (
      <div role="img" aria-label={intl.formatMessage({ id: 'finance.reports.byDayLabel' }, { days: stacked.days.length })}>
        <BarChart
          height={320}
          xAxis={[{ scaleType: 'band', data: stacked.days, valueFormatter: (day: string) => formatDay(day, locale) }]}
          yAxis={[{ valueFormatter: (v: number | null) => formatCredits(v ?? 0, locale), width: 100 }]}
          series={stacked.series.map((s) => ({
            data: s.credits,
            stack: 'cost',
            label: s.model ?? intl.formatMessage({ id: 'finance.reports.otherModels' }),
            valueFormatter: credits,
          }))}
        />
      </div>
    );
  }
  return (
    <ReportCard title={title} action={<CsvLink what={title} href={usageCsvHref('organisation', 'by-day', window)} />}>
      {body}
    </ReportCard>
  );
}
