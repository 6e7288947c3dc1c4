import EditOutlined from '@mui/icons-material/EditOutlined';
import RestartAltOutlined from '@mui/icons-material/RestartAltOutlined';
import type { ReactElement } from 'react';
import { IconButton, Tooltip } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import type { IntlShape } from 'react-intl';
import { RATE_FIELDS, type ModelPrice } from '../prices';
import { formatRate, formatTokens } from './format';
import { setByAdmin, sourceText } from './source';

/** One row of the price grid: a priced model (its name is the row id), its price, version and source in words. */
export type PriceRow = ModelPrice & { id: string; version: string; source: string };

export interface RowActions {
  onChange: (row: PriceRow) => void;
  onReset: (row: PriceRow) => void;
}

/** The grid's columns; the row actions only for people who may change prices (admins). */
export function priceColumns(intl: IntlShape, locale: string, actions?: RowActions): GridColDef<PriceRow>[] {
  const header = (id: string) => intl.formatMessage({ id: `admin.prices.col.${id}` });
  const tokens = (fallback: string) => (v: number | null | undefined) => (v == null ? fallback : formatTokens(v, locale));
  const columns: GridColDef<PriceRow>[] = [
    { field: 'id', headerName: header('model'), flex: 1, minWidth: 220 },
    {
      field: 'source', headerName: header('source'), width: 240,
      renderCell: ({ row }) => <span title={row.version}>{row.source}</span>,
    },
    // Prices may have decimals (0.075 per token); shown as given, never rounded to whole credits.
    ...RATE_FIELDS.map((field): GridColDef<PriceRow> => ({
      field, headerName: header(field), type: 'number', width: 120, valueFormatter: (v: number | null | undefined) => formatRate(v, locale),
    })),
    { field: 'maxOutputTokens', headerName: header('maxOutputTokens'), type: 'number', width: 160, valueFormatter: tokens(header('default')) },
    { field: 'contextWindow', headerName: header('contextWindow'), type: 'number', width: 150, valueFormatter: tokens(header('unknown')) },
  ];
  if (actions) {
    // Second, beside the name: a grid wider than the screen renders only the columns in view. A plain cell rather
    // than the grid's 'actions' type: that one leaves the grid with no tab stop once focus has left it (for a dialog),
    // so keyboard users could no longer reach the grid (axe: scrollable-region-focusable).
    const button = (label: string, icon: ReactElement, onClick: () => void, tabIndex: 0 | -1) => (
      <Tooltip title={label}>
        <IconButton size="small" aria-label={label} tabIndex={tabIndex} onClick={onClick}>{icon}</IconButton>
      </Tooltip>
    );
    columns.splice(1, 0, {
      field: 'actions', headerName: header('actions'), width: 100, sortable: false, filterable: false, hideable: false,
      disableColumnMenu: true,
      renderCell: ({ row, tabIndex }) => (
        <>
          {button(intl.formatMessage({ id: 'admin.prices.action.change' }, { model: row.id }), <EditOutlined fontSize="small" />,
            () => actions.onChange(row), tabIndex)}
          {setByAdmin(row.version) && button(intl.formatMessage({ id: 'admin.prices.action.reset' }, { model: row.id }),
            <RestartAltOutlined fontSize="small" />, () => actions.onReset(row), tabIndex)}
        </>
      ),
    });
  }
  return columns;
}

/** The rows of a price table, by model name, with the source of each price in words. */
export function priceRows(models: Record<string, { price: ModelPrice; version: string }>, intl: IntlShape): PriceRow[] {
  return Object.entries(models)
    .map(([id, entry]) => ({ ...entry.price, id, version: entry.version, source: sourceText(entry.version, intl) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
