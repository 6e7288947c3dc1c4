import { Card, CardContent, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { CsvLink } from '../../common/CsvLink';
import { EmptyState } from '../../common/EmptyState';
import { QueryState } from '../../common/QueryState';
import { formatCredits } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { usageCsvHref, useUsageByModel, type UsageWindow } from '../../usage';

/** The user's calls, tokens and spend per model in the window, dearest first, and the same report as CSV. */
export function UsageByModelCard({ userId, window }: { userId: string; window: UsageWindow }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const query = useUsageByModel({ userId }, window);
  const header = (id: string) => intl.formatMessage({ id: `admin.usage.col.${id}` });
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography variant="h2" component="h2"><FormattedMessage id="admin.usage.byModel" /></Typography>
          <CsvLink what={intl.formatMessage({ id: 'admin.usage.byModel' })} href={usageCsvHref({ userId }, 'by-model', window)} />
        </Stack>
        <QueryState query={query} lines={6}>
          {(report) => {
            const items = [...report.items].sort((a, b) => b.usage.costCredits - a.usage.costCredits);
            if (!items.length) return <EmptyState message={<FormattedMessage id="admin.usage.none" />} />;
            return (
              <Table size="small" aria-label={intl.formatMessage({ id: 'admin.usage.byModel' })}>
                <TableHead>
                  <TableRow>
                    <TableCell>{header('model')}</TableCell>
                    <TableCell align="right">{header('calls')}</TableCell>
                    <TableCell align="right">{header('tokens')}</TableCell>
                    <TableCell align="right">{header('cost')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map(({ model, usage }) => (
                    <TableRow key={model}>
                      <TableCell>{model}</TableCell>
                      <TableCell align="right">{formatCredits(usage.calls, locale)}</TableCell>
                      <TableCell align="right">
                        {formatCredits(usage.promptTokens + usage.completionTokens + usage.reasoningTokens, locale)}
                      </TableCell>
                      <TableCell align="right">{formatCredits(usage.costCredits, locale)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            );
          }}
        </QueryState>
      </CardContent>
    </Card>
  );
}
