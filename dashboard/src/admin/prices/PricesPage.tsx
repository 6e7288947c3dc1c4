import { useMemo } from 'react';
import { Alert, Card } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { FormattedMessage, useIntl } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';
import { PageHeader } from '../../common/PageHeader';
import { QueryState } from '../../common/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { usePrices, type ModelPrice } from '../prices';
import { GRID_PAGE_SIZES } from '../../common/grid';

type PriceRow = ModelPrice & { id: string };

/** The gateway's price table, read-only: credits per token, which is also USD per million tokens. */
export function PricesPage() {
  const intl = useIntl();
  const { locale } = useLocale();
  const prices = usePrices();
  const columns = useMemo<GridColDef<PriceRow>[]>(() => {
    const header = (id: string) => intl.formatMessage({ id: `admin.prices.col.${id}` });
    // Prices may have decimals (0.075 per token); shown as given, never rounded to whole credits.
    const price = (v: number | null | undefined) => (v == null ? '' : new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(v));
    return [
      { field: 'id', headerName: header('model'), flex: 1, minWidth: 220 },
      ...(['input', 'cachedInput', 'cacheWrite', 'output', 'reasoning'] as const).map((field): GridColDef<PriceRow> => ({
        field, headerName: header(field), type: 'number', width: 140, valueFormatter: price,
      })),
      {
        field: 'maxOutputTokens', headerName: header('maxOutputTokens'), type: 'number', width: 170,
        valueFormatter: (v: number | null | undefined) => (v == null ? header('default') : new Intl.NumberFormat(locale).format(v)),
      },
    ];
  }, [intl, locale]);
  return (
    <>
      <PageHeader title={intl.formatMessage({ id: 'admin.prices.title' })} />
      <Alert severity="info" sx={{ mb: 2 }}><FormattedMessage id="admin.prices.unit" /></Alert>
      <QueryState query={prices} lines={8}>
        {(table) => {
          const rows: PriceRow[] = Object.entries(table.models).map(([id, p]) => ({ ...p, id }))
            .sort((a, b) => a.id.localeCompare(b.id));
          if (!rows.length) return <EmptyState message={<FormattedMessage id="admin.prices.none" />} />;
          return (
            <Card sx={{ height: 600 }}>
              <DataGrid
                aria-label={intl.formatMessage({ id: 'admin.prices.gridLabel' })}
                rows={rows}
                columns={columns}
                pageSizeOptions={GRID_PAGE_SIZES}
                initialState={{ pagination: { paginationModel: { pageSize: 50 } } }}
                disableRowSelectionOnClick
                showToolbar
                // The toolbar's quick filter finds a model; its export would write CSV in the browser, which the
                // console never does (the server writes every CSV), so export and print are off.
                slotProps={{ toolbar: { csvOptions: { disableToolbarButton: true }, printOptions: { disableToolbarButton: true } } }}
                sx={{ border: 0 }}
              />
            </Card>
          );
        }}
      </QueryState>
    </>
  );
}
