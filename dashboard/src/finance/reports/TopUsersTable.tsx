import { Link, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMe } from '../../api/me';
import { isAdmin, userPagePath } from '../../admin';
import { EmptyState } from '../../common/EmptyState';
import { QueryState } from '../../common/QueryState';
import { formatCredits, formatMoneyFromCredits, USD } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { csvHref } from '../../common/csv';
import { CsvLink } from '../../common/CsvLink';
import type { UsageWindow } from '../../usage';
import { ReportCard } from '../ReportCard';
import { TOP_USERS, useTopUsers } from '../queries';

/** The users who spent most in the window; an admin can open each one's page. */
export function TopUsersTable({ window }: { window: UsageWindow }) {
  const { locale } = useLocale();
  const intl = useIntl();
  const admin = isAdmin(useMe().roles);
  const query = useTopUsers(window);
  const title = intl.formatMessage({ id: 'finance.reports.topUsers' }, { count: TOP_USERS });
  const count = (n: number) => formatCredits(n, locale);
  return (
    <ReportCard
      title={title}
      action={<CsvLink what={title} href={csvHref('/api/admin/usage/top-users', { ...window, limit: TOP_USERS })} />}
    >
      <QueryState query={query} lines={5}>
        {(report) => (!report.items.length ? <EmptyState message={<FormattedMessage id="finance.reports.none" />} /> : (
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell><FormattedMessage id="finance.col.user" /></TableCell>
                <TableCell align="right"><FormattedMessage id="finance.col.calls" /></TableCell>
                <TableCell align="right"><FormattedMessage id="finance.col.costCredits" /></TableCell>
                <TableCell align="right"><FormattedMessage id="finance.col.costMoney" /></TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.items.map((u) => (
                <TableRow key={u.userId}>
                  <TableCell component="th" scope="row">
                    {admin ? <Link component={RouterLink} to={userPagePath(u.userId)}>{u.userId}</Link> : u.userId}
                  </TableCell>
                  <TableCell align="right">{count(u.usage.calls)}</TableCell>
                  <TableCell align="right">{count(u.usage.costCredits)}</TableCell>
                  <TableCell align="right">{formatMoneyFromCredits(u.usage.costCredits, USD, locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}
      </QueryState>
    </ReportCard>
  );
}
