import { Card, CardContent, Stack, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { FormattedMessage, useIntl } from 'react-intl';
import { CsvLink } from '../../common/CsvLink';
import { EmptyState } from '../../common/EmptyState';
import { QueryState } from '../../common/QueryState';
import { formatCredits, formatDay } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { usageCsvHref, useUsageByDay, type UsageWindow } from '../../usage';

/** The user's spend per day of the window (days in the admin's zone), and the same report as CSV. */
export function UsageByDayCard({ userId, window }: { userId: string; window: UsageWindow }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const query = useUsageByDay({ userId }, window);
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography variant="h2" component="h2"><FormattedMessage id="admin.usage.byDay" /></Typography>
          <CsvLink what={intl.formatMessage({ id: 'admin.usage.byDay' })} href={usageCsvHref({ userId }, 'by-day', window)} />
        </Stack>
        <QueryState query={query} lines={6}>
          {(report) => (report.items.every((d) => d.usage.costCredits === 0)
            ? <EmptyState message={<FormattedMessage id="admin.usage.none" />} />
            : (
              <BarChart
                height={280}
                xAxis={[{ scaleType: 'band', data: report.items.map((d) => d.day), valueFormatter: (day: string) => formatDay(day, locale) }]}
                yAxis={[{ valueFormatter: (v: number | null) => formatCredits(v ?? 0, locale), width: 90 }]}
                series={[{
                  data: report.items.map((d) => d.usage.costCredits),
                  label: intl.formatMessage({ id: 'admin.usage.cost' }),
                  valueFormatter: (v: number | null) => intl.formatMessage({ id: 'admin.credits' }, { credits: formatCredits(v ?? 0, locale) }),
                }]}
              />
            ))}
        </QueryState>
      </CardContent>
    </Card>
  );
}
