import { Chip, Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import type { PurchaseView } from '../../api/types';
import { EmptyState } from '../../common/EmptyState';
import { QueryState } from '../../common/QueryState';
import { formatCredits, formatDate, formatDateTime, formatMinor } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { usePacks, usePurchases } from '../queries';

function PurchaseRow({ purchase, packNames }: { purchase: PurchaseView; packNames: Map<string, string> }) {
  const { locale } = useLocale();
  const intl = useIntl();
  const statusId = `user.purchase.${purchase.status}`;
  const what = purchase.method === 'manual'
    ? intl.formatMessage({ id: 'user.buy.manual' }, { method: purchase.manualMethod ?? '' })
    : (purchase.packId && packNames.get(purchase.packId)) ?? purchase.packId ?? purchase.method;
  const date = formatDateTime(purchase.createdAt, locale);
  return (
    <TableRow>
      <TableCell>{date}</TableCell>
      <TableCell>
        {what}
        {purchase.refunds.map((refund) => (
          <Typography key={refund.refundId} variant="body2" color="text.secondary">
            <FormattedMessage
              id="user.buy.refunded"
              values={{
                amount: formatMinor(refund.amountMinor, refund.currency, locale),
                credits: formatCredits(refund.credits, locale),
                date: formatDate(refund.createdAt, locale),
              }}
            />
          </Typography>
        ))}
      </TableCell>
      <TableCell align="right">{formatCredits(purchase.credits, locale)}</TableCell>
      <TableCell align="right">{formatMinor(purchase.amountMinor, purchase.currency, locale)}</TableCell>
      <TableCell>
        <Chip size="small" label={intl.messages[statusId] ? intl.formatMessage({ id: statusId }) : purchase.status} />
      </TableCell>
      <TableCell>
        {purchase.receiptUrl && (
          <Link href={purchase.receiptUrl} target="_blank" rel="noopener noreferrer"
            aria-label={intl.formatMessage({ id: 'user.buy.receiptLabel' }, { date })}>
            <FormattedMessage id="user.buy.receipt" />
          </Link>
        )}
      </TableCell>
    </TableRow>
  );
}

/** The account's purchases, newest first, with their refunds and Stripe receipts. */
export function PurchasesTable({ userId }: { userId: string }) {
  const query = usePurchases(userId);
  const packs = usePacks();
  const packNames = new Map((packs.data ?? []).map((p) => [p.id, p.name]));
  const intl = useIntl();
  const header = (id: string) => intl.formatMessage({ id });
  return (
    <QueryState query={query}>
      {(purchases) => (purchases.length === 0 ? <EmptyState message={<FormattedMessage id="user.buy.noPurchases" />} /> : (
        <TableContainer>
          <Table size="small" aria-label={header('user.buy.purchases')}>
            <TableHead>
              <TableRow>
                <TableCell>{header('user.buy.col.date')}</TableCell>
                <TableCell>{header('user.buy.col.what')}</TableCell>
                <TableCell align="right">{header('user.buy.col.credits')}</TableCell>
                <TableCell align="right">{header('user.buy.col.amount')}</TableCell>
                <TableCell>{header('user.buy.col.status')}</TableCell>
                <TableCell>{header('user.buy.col.receipt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {purchases.map((p) => <PurchaseRow key={p.purchaseId} purchase={p} packNames={packNames} />)}
            </TableBody>
          </Table>
        </TableContainer>
      ))}
    </QueryState>
  );
}
