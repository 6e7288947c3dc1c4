import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { UseQueryResult } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';
import { QueryState } from '../../common/QueryState';
import { formatCredits, formatMoneyFromCredits, USD } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { CsvLink } from '../../common/CsvLink';
import { usageCsvHref, type UsageWindow } from '../../usage';
import { ReportCard } from '../ReportCard';
import type { ModelUsage, UsageReport } from '../types';

/** The organisation's cost per model in the window, most expensive first (the ledger's order), with the total. */
export function CostByModelTable({ window, query }: { window: UsageWindow; query: UseQueryResult<UsageReport<ModelUsage>> }) {
  const { locale } = useLocale();
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'finance.reports.byModel' });
  const count = (n: number) => formatCredits(n, locale);
  return (
    <ReportCard title={title} action={<CsvLink what={title} href={usageCsvHref('organisation', 'by-model', window)} />}>
      <QueryState query={query} lines={5}>
        {(report) => {
          const items = report.items.filter((m) => m.usage.calls > 0 || m.usage.costCredits > 0);
          if (!items.length) {
            return <EmptyState message={<FormattedMessage id="finance.reports.none" />} />;
          }
          const total = items.reduce((sum, m) => sum + m.usage.costCredits, 0);
          return (
            <>
              <Typography sx={{ mb: 1 }} data-testid="org-total">
                <FormattedMessage
                  id="finance.reports.total"
                  values={{ credits: count(total), money: formatMoneyFromCredits(total, USD, locale) }}
                />
              </Typography>
              <Table size="small" aria-label={title}>
                <TableHead>
                  <TableRow>
                    <TableCell><FormattedMessage id="finance.col.model" /></TableCell>
                    <TableCell align="right"><FormattedMessage id="finance.col.calls" /></TableCell>
                    <TableCell align="right"><FormattedMessage id="finance.col.tokens" /></TableCell>
                    <TableCell align="right"><FormattedMessage id="finance.col.costCredits" /></TableCell>
                    <TableCell align="right"><FormattedMessage id="finance.col.costMoney" /></TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map((m) => (
                    <TableRow key={m.model}>
                      <TableCell component="th" scope="row">{m.model}</TableCell>
                      <TableCell align="right">{count(m.usage.calls)}</TableCell>
                      <TableCell align="right">{count(m.usage.promptTokens + m.usage.completionTokens)}</TableCell>
                      <TableCell align="right">{count(m.usage.costCredits)}</TableCell>
                      <TableCell align="right">{formatMoneyFromCredits(m.usage.costCredits, USD, locale)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          );
        }}
      </QueryState>
    </ReportCard>
  );
}
