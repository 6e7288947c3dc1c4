import { Link } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import type { IntlShape } from 'react-intl';
import { Link as RouterLink } from 'react-router';
import { formatCredits, formatDateTime } from '../../format';
import type { AccountListItem } from '../accounts';
import { AccountStatusChip } from '../AccountStatusChip';
import { userPagePath } from '../paths';

/** The grid's columns; the sortable ones are exactly those the ledger sorts by. */
export function usersColumns(intl: IntlShape, locale: string): GridColDef<AccountListItem>[] {
  const header = (id: string) => intl.formatMessage({ id: `admin.users.col.${id}` });
  const credits = (value: number | undefined | null) => (value == null ? '' : formatCredits(value, locale));
  return [
    {
      field: 'userId', headerName: header('userId'), flex: 1, minWidth: 220,
      // A real link, so the user's page is reachable with the keyboard (a row click is mouse-only).
      renderCell: ({ row }) => <Link component={RouterLink} to={userPagePath(row.userId)}>{row.userId}</Link>,
    },
    {
      field: 'status', headerName: header('status'), width: 140,
      renderCell: ({ row }) => <AccountStatusChip status={row.status} />,
    },
    { field: 'balanceCredits', headerName: header('balance'), type: 'number', width: 150, valueFormatter: credits },
    { field: 'spendableCredits', headerName: header('spendable'), type: 'number', width: 150, sortable: false, valueFormatter: credits },
    { field: 'spentCycleCredits', headerName: header('spentCycle'), type: 'number', width: 160, valueFormatter: credits },
    {
      field: 'cycleCapCredits', headerName: header('cap'), type: 'number', width: 130, sortable: false,
      valueFormatter: (value: number | undefined) => (value == null ? '—' : formatCredits(value, locale)),
    },
    { field: 'planId', headerName: header('plan'), width: 120, sortable: false },
    {
      field: 'updatedAt', headerName: header('updatedAt'), width: 190,
      valueFormatter: (value: string | undefined) => (value ? formatDateTime(value, locale) : ''),
    },
  ];
}
