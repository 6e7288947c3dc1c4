import type { GridColDef } from '@mui/x-data-grid';
import type { IntlShape } from 'react-intl';
import type { TransactionView } from '../../api/types';
import { formatCredits, formatDateTime } from '../../format';

/** A statement line as the grid shows it; `id` is unique within the page. */
export type StatementRow = TransactionView & { id: string };

function details(row: TransactionView, intl: IntlShape, locale: string): string {
  if (row.type === 'USAGE' && row.model) {
    return intl.formatMessage({ id: 'user.statement.usageDetail' }, {
      model: row.model,
      prompt: formatCredits(row.promptTokens ?? 0, locale),
      completion: formatCredits(row.completionTokens ?? 0, locale),
    });
  }
  return [row.reason, row.actor && `(${row.actor})`].filter(Boolean).join(' ');
}

export function statementColumns(intl: IntlShape, locale: string): GridColDef<StatementRow>[] {
  const header = (id: string) => intl.formatMessage({ id });
  return [
    {
      field: 'occurredAt', headerName: header('user.statement.col.occurredAt'), width: 190, sortable: false,
      valueFormatter: (value: string) => formatDateTime(value, locale),
    },
    {
      field: 'type', headerName: header('user.statement.col.type'), width: 170, sortable: false,
      valueFormatter: (value: string) => (intl.messages[`user.type.${value}`] ? intl.formatMessage({ id: `user.type.${value}` }) : value),
    },
    {
      field: 'amountCredits', headerName: header('user.statement.col.amount'), type: 'number', width: 150, sortable: false,
      valueFormatter: (value: number) => (value > 0 ? '+' : '') + formatCredits(value, locale),
    },
    {
      field: 'balanceAfterCredits', headerName: header('user.statement.col.balanceAfter'), type: 'number', width: 150,
      sortable: false, valueFormatter: (value: number) => formatCredits(value, locale),
    },
    {
      field: 'details', headerName: header('user.statement.col.details'), flex: 1, minWidth: 240, sortable: false,
      valueGetter: (_value: unknown, row: StatementRow) => details(row, intl, locale),
    },
  ];
}
