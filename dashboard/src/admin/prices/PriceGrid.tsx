import { useMemo } from 'react';
import { Card } from '@mui/material';
import { DataGrid } from '@mui/x-data-grid';
import { useIntl } from 'react-intl';
import { useLocale } from '../../i18n/LocaleProvider';
import { GRID_PAGE_SIZES } from '../../common/grid';
import type { PriceEntry } from '../prices';
import { priceColumns, priceRows, type RowActions } from './priceColumns';

/** Every priced model with its rates, limits and source; the row actions when `actions` is given. */
export function PriceGrid({ models, actions }: { models: Record<string, PriceEntry>; actions?: RowActions }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const rows = useMemo(() => priceRows(models, intl), [models, intl]);
  const columns = useMemo(() => priceColumns(intl, locale, actions), [intl, locale, actions]);
  return (
    <Card sx={{ height: 640 }}>
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
}
