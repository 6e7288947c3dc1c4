import { Button } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import type { IntlShape } from 'react-intl';
import { formatCredits, formatDateTime, formatMinor } from '../../format';
import type { DisputeView, PurchaseView, RefundView } from '../types';

/** A message by id, or the raw value when the catalogue has no name for it (a status added later). */
function named(intl: IntlShape, prefix: string, value: string | undefined): string {
  if (!value) return '';
  const id = `${prefix}.${value}`;
  return intl.messages[id] ? intl.formatMessage({ id }) : value;
}

const money = (minor: number | undefined, currency: string | undefined, locale: string) =>
  (currency ? formatMinor(minor ?? 0, currency, locale) : String(minor ?? 0));

const when = (locale: string) => (value: string | undefined) => (value ? formatDateTime(value, locale) : '');

/** Money of a purchase that can still be given back, in its minor unit. */
export function refundableMinor(p: PurchaseView): number {
  return Math.max(0, (p.amountMinor ?? 0) - (p.refundedMinor ?? 0));
}

export function purchaseColumns(intl: IntlShape, locale: string, onRefund: (p: PurchaseView) => void): GridColDef<PurchaseView>[] {
  const header = (id: string) => intl.formatMessage({ id });
  return [
    { field: 'createdAt', headerName: header('finance.col.date'), width: 170, valueFormatter: when(locale) },
    { field: 'userId', headerName: header('finance.col.user'), minWidth: 180, flex: 1 },
    {
      field: 'method', headerName: header('finance.col.method'), width: 170,
      valueGetter: (_v: unknown, p: PurchaseView) => [named(intl, 'finance.method', p.method),
        p.manualMethod && `(${named(intl, 'finance.manualMethod', p.manualMethod)})`].filter(Boolean).join(' '),
    },
    { field: 'status', headerName: header('finance.col.status'), width: 160, valueFormatter: (v: string) => named(intl, 'finance.purchase.status', v) },
    {
      field: 'credits', headerName: header('finance.col.credits'), type: 'number', width: 130,
      valueFormatter: (v: number | undefined) => formatCredits(v ?? 0, locale),
    },
    {
      field: 'amountMinor', headerName: header('finance.col.amount'), type: 'number', width: 120,
      valueGetter: (_v: unknown, p: PurchaseView) => money(p.amountMinor, p.currency, locale),
    },
    {
      field: 'refundedMinor', headerName: header('finance.col.refunded'), type: 'number', width: 120,
      valueGetter: (_v: unknown, p: PurchaseView) => ((p.refundedMinor ?? 0) > 0 ? money(p.refundedMinor, p.currency, locale) : ''),
    },
    { field: 'reference', headerName: header('finance.col.reference'), width: 160, valueGetter: (_v: unknown, p: PurchaseView) => p.reference ?? p.paymentIntentId ?? '' },
    {
      field: 'actions', headerName: header('finance.col.actions'), width: 120, sortable: false,
      renderCell: ({ row }) => (refundableMinor(row) > 0 ? (
        <Button
          size="small"
          onClick={() => onRefund(row)}
          aria-label={intl.formatMessage({ id: 'finance.refund.openLabel' }, { purchase: row.purchaseId, user: row.userId })}
        >
          {intl.formatMessage({ id: 'finance.refund.open' })}
        </Button>
      ) : null),
    },
  ];
}

export function refundColumns(intl: IntlShape, locale: string): GridColDef<RefundView>[] {
  const header = (id: string) => intl.formatMessage({ id });
  return [
    { field: 'createdAt', headerName: header('finance.col.date'), width: 170, valueFormatter: when(locale) },
    { field: 'userId', headerName: header('finance.col.user'), minWidth: 180, flex: 1 },
    { field: 'purchaseId', headerName: header('finance.col.purchase'), width: 200 },
    {
      field: 'amountMinor', headerName: header('finance.col.amount'), type: 'number', width: 120,
      valueGetter: (_v: unknown, r: RefundView) => money(r.amountMinor, r.currency, locale),
    },
    {
      field: 'credits', headerName: header('finance.col.creditsTaken'), type: 'number', width: 150,
      valueFormatter: (v: number | undefined) => formatCredits(v ?? 0, locale),
    },
    { field: 'reason', headerName: header('finance.col.reason'), minWidth: 200, flex: 1 },
    { field: 'requestedBy', headerName: header('finance.col.requestedBy'), width: 180 },
  ];
}

export function disputeColumns(intl: IntlShape, locale: string): GridColDef<DisputeView>[] {
  const header = (id: string) => intl.formatMessage({ id });
  return [
    { field: 'openedAt', headerName: header('finance.col.opened'), width: 170, valueFormatter: when(locale) },
    { field: 'userId', headerName: header('finance.col.user'), minWidth: 180, flex: 1 },
    { field: 'purchaseId', headerName: header('finance.col.purchase'), width: 200 },
    { field: 'status', headerName: header('finance.col.status'), width: 120, valueFormatter: (v: string) => named(intl, 'finance.dispute.status', v) },
    {
      field: 'amountMinor', headerName: header('finance.col.amount'), type: 'number', width: 120,
      valueGetter: (_v: unknown, d: DisputeView) => money(d.amountMinor, d.currency, locale),
    },
    {
      field: 'credits', headerName: header('finance.col.creditsHeld'), type: 'number', width: 150,
      valueFormatter: (v: number | undefined) => formatCredits(v ?? 0, locale),
    },
    { field: 'reason', headerName: header('finance.col.reason'), minWidth: 160, flex: 1 },
    { field: 'closedAt', headerName: header('finance.col.closed'), width: 170, valueFormatter: when(locale) },
  ];
}
