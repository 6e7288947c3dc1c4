import { useMemo, useState } from 'react';
import { Box, Stack, TextField } from '@mui/material';
import type { GridColDef, GridPaginationModel } from '@mui/x-data-grid';
import { useIntl, type IntlShape } from 'react-intl';
import { ErrorState } from '../../common/ErrorState';
import { useDebounced } from '../../common/useDebounced';
import { formatDateTime } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { AuditGrid } from './AuditGrid';
import { RATE_FIELDS, usePriceChanges, type PriceChangeView } from '../prices';
import { formatRate, rateLine } from '../prices/format';

/** What a change did, in one line: the rates it set, or the model an alias means. */
function detail(row: PriceChangeView, intl: IntlShape, locale: string): string {
  if (row.action === 'ALIAS' && row.aliasOf) return intl.formatMessage({ id: 'admin.audit.price.means' }, { model: row.aliasOf });
  if (row.action !== 'SET' || !row.price) return '';
  const price = row.price;
  return RATE_FIELDS.map((field) => rateLine(intl.formatMessage({ id: `admin.prices.col.${field}` }), formatRate(price[field], locale))).join(' · ');
}

function columns(intl: IntlShape, locale: string): GridColDef<PriceChangeView>[] {
  const header = (id: string) => intl.formatMessage({ id: `admin.audit.col.${id}` });
  const when = (v: string | null | undefined) => (v ? formatDateTime(v, locale) : '');
  // Who, what and why first: a grid wider than the screen renders only the columns in view.
  return [
    { field: 'recordedAt', headerName: header('occurredAt'), width: 170, valueFormatter: when },
    { field: 'version', headerName: header('version'), width: 110 },
    { field: 'model', headerName: header('model'), width: 170 },
    { field: 'action', headerName: header('type'), width: 120, valueFormatter: (v: string) => intl.formatMessage({ id: `admin.audit.price.${v}`, defaultMessage: v }) },
    { field: 'reason', headerName: header('reason'), flex: 1, minWidth: 220 },
    { field: 'actor', headerName: header('actor'), width: 190 },
    { field: 'detail', headerName: header('price'), width: 420, valueGetter: (_v: unknown, row: PriceChangeView) => detail(row, intl, locale) },
    { field: 'effectiveAt', headerName: header('effectiveAt'), width: 170, valueFormatter: when },
  ];
}

/** Every price change (set, reset, alias, unalias), newest first, paged by the gateway, filtered by model or alias. */
export function PriceAuditTab() {
  const intl = useIntl();
  const { locale } = useLocale();
  const [model, setModel] = useState('');
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const query = usePriceChanges({ model: useDebounced(model.trim()), page: pagination.page, size: pagination.pageSize });
  const cols = useMemo(() => columns(intl, locale), [intl, locale]);
  const label = (id: string) => intl.formatMessage({ id: `admin.audit.${id}` });
  return (
    <>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField size="small" type="search" label={label('model')} value={model} helperText={label('modelHelp')}
          onChange={(e) => {
            setModel(e.target.value);
            setPagination((p) => ({ ...p, page: 0 }));
          }} />
      </Stack>
      {query.isError && <Box sx={{ mb: 2 }}><ErrorState error={query.error} onRetry={() => void query.refetch()} /></Box>}
      <AuditGrid
        label={label('tab.prices')}
        rows={query.data?.items ?? []}
        columns={cols}
        rowCount={query.data?.totalItems ?? 0}
        loading={query.isFetching}
        pagination={pagination}
        onPagination={setPagination}
      />
    </>
  );
}
