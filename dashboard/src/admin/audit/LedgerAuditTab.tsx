import { useMemo, useState } from 'react';
import { Box, Button, Link, MenuItem, Stack, TextField } from '@mui/material';
import type { GridColDef, GridPaginationModel } from '@mui/x-data-grid';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { Link as RouterLink } from 'react-router';
import { ErrorState } from '../../common/ErrorState';
import { browserTimeZone, formatCredits, formatDateTime, nextDay, startOfDay } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { AuditGrid } from './AuditGrid';
import { LEDGER_AUDIT_TYPES, useLedgerAudit, type LedgerAuditEntry } from '../audit';
import { userPagePath } from '../paths';
import { useDebounced } from '../../common/useDebounced';

function columns(intl: IntlShape, locale: string): GridColDef<LedgerAuditEntry>[] {
  const header = (id: string) => intl.formatMessage({ id: `admin.audit.col.${id}` });
  const amount = (row: LedgerAuditEntry) => {
    if (row.amountCredits != null) return (row.amountCredits > 0 ? '+' : '') + formatCredits(row.amountCredits, locale);
    if (row.type === 'CAP') return row.capCredits != null ? formatCredits(row.capCredits, locale) : header('capCleared');
    return row.planId ?? '';
  };
  return [
    { field: 'occurredAt', headerName: header('occurredAt'), width: 190, sortable: false, valueFormatter: (v: string) => (v ? formatDateTime(v, locale) : '') },
    {
      field: 'userId', headerName: header('userId'), flex: 1, minWidth: 200, sortable: false,
      renderCell: ({ row }) => row.userId && <Link component={RouterLink} to={userPagePath(row.userId)}>{row.userId}</Link>,
    },
    { field: 'type', headerName: header('type'), width: 130, sortable: false, valueFormatter: (v: string) => intl.formatMessage({ id: `admin.audit.type.${v}`, defaultMessage: v }) },
    { field: 'amount', headerName: header('detail'), width: 170, sortable: false, valueGetter: (_v: unknown, row: LedgerAuditEntry) => amount(row) },
    { field: 'actor', headerName: header('actor'), width: 200, sortable: false },
    { field: 'reason', headerName: header('reason'), flex: 1, minWidth: 220, sortable: false },
  ];
}

const EMPTY = { userId: '', type: '', fromDay: '', toDay: '' };

/** Every admin action on accounts, newest first, paged by the ledger, filtered by user, type and dates. */
export function LedgerAuditTab() {
  const intl = useIntl();
  const { locale } = useLocale();
  const zone = useMemo(() => browserTimeZone(), []);
  const [filters, setFilters] = useState(EMPTY);
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const userId = useDebounced(filters.userId.trim());
  const query = useLedgerAudit({
    userId,
    type: filters.type,
    from: filters.fromDay ? startOfDay(filters.fromDay, zone) : undefined,
    to: filters.toDay ? startOfDay(nextDay(filters.toDay), zone) : undefined,
    page: pagination.page,
    size: pagination.pageSize,
  });
  const cols = useMemo(() => columns(intl, locale), [intl, locale]);
  const change = (next: Partial<typeof EMPTY>) => {
    setFilters((f) => ({ ...f, ...next }));
    setPagination((p) => ({ ...p, page: 0 }));
  };
  const label = (id: string) => intl.formatMessage({ id: `admin.audit.${id}` });
  return (
    <>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField size="small" type="search" label={label('user')} value={filters.userId} onChange={(e) => change({ userId: e.target.value })} />
        <TextField select size="small" label={label('type')} value={filters.type} onChange={(e) => change({ type: e.target.value })}
          sx={{ minWidth: 180 }} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
          <MenuItem value=""><FormattedMessage id="admin.audit.allTypes" /></MenuItem>
          {LEDGER_AUDIT_TYPES.map((t) => <MenuItem key={t} value={t}><FormattedMessage id={`admin.audit.type.${t}`} /></MenuItem>)}
        </TextField>
        <TextField size="small" type="date" label={label('from')} value={filters.fromDay} onChange={(e) => change({ fromDay: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }} />
        <TextField size="small" type="date" label={label('to')} value={filters.toDay} onChange={(e) => change({ toDay: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }} />
        <Button onClick={() => change(EMPTY)}><FormattedMessage id="admin.audit.clear" /></Button>
      </Stack>
      {query.isError && <Box sx={{ mb: 2 }}><ErrorState error={query.error} onRetry={() => void query.refetch()} /></Box>}
      <AuditGrid
        label={label('tab.ledger')}
        rows={query.data?.items ?? []}
        getRowId={(row) => row.id ?? `${row.userId}:${row.version}`}
        columns={cols}
        rowCount={query.data?.totalItems ?? 0}
        loading={query.isFetching}
        pagination={pagination}
        onPagination={setPagination}
      />
    </>
  );
}
