import { Card, CardContent, Typography } from '@mui/material';
import { PieChart } from '@mui/x-charts/PieChart';
import type { UseQueryResult } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ModelUsage, UsageReport } from '../../api/types';
import { EmptyState } from '../../common/EmptyState';
import { QueryState } from '../../common/QueryState';
import { formatCredits } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';

/** Spend per model in the window. */
export function SpendByModelChart({ query }: { query: UseQueryResult<UsageReport<ModelUsage>> }) {
  const { locale } = useLocale();
  const intl = useIntl();
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h2" component="h2" gutterBottom><FormattedMessage id="user.usage.byModel" /></Typography>
        <QueryState query={query} lines={6}>
          {(report) => {
            const items = report.items.filter((m) => m.usage.costCredits > 0);
            if (!items.length) {
              return <EmptyState message={<FormattedMessage id="user.usage.none" />} />;
            }
            return (
              <PieChart
                height={300}
                series={[{
                  innerRadius: 50,
                  data: items.map((m, i) => ({ id: i, value: m.usage.costCredits, label: m.model })),
                  valueFormatter: (item) => intl.formatMessage({ id: 'user.credits' }, { credits: formatCredits(item.value, locale) }),
                }]}
              />
            );
          }}
        </QueryState>
      </CardContent>
    </Card>
  );
}
