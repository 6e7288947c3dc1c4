import { Card } from '@mui/material';
import { DataGrid, type GridColDef, type GridPaginationModel, type GridValidRowModel } from '@mui/x-data-grid';
import { FormattedMessage } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';

/**
 * One audit log as a server-paged grid: the log is append-only and paged by the service, newest first, so the grid
 * neither sorts nor filters on its own. The ledger's and the prices' tabs use it.
 */
export function AuditGrid<Row extends GridValidRowModel>({ label, rows, columns, rowCount, loading, pagination, onPagination, getRowId }: {
  label: string;
  rows: Row[];
  columns: GridColDef<Row>[];
  rowCount: number;
  loading: boolean;
  pagination: GridPaginationModel;
  onPagination: (model: GridPaginationModel) => void;
  getRowId?: (row: Row) => string | number;
}) {
  return (
    <Card sx={{ height: 600 }}>
      <DataGrid
        aria-label={label}
        rows={rows}
        getRowId={getRowId}
        columns={columns}
        rowCount={rowCount}
        loading={loading}
        paginationMode="server"
        paginationModel={pagination}
        onPaginationModelChange={onPagination}
        pageSizeOptions={[25, 50, 100, 200]}
        disableColumnFilter
        disableColumnSorting
        disableRowSelectionOnClick
        slots={{ noRowsOverlay: () => <EmptyState message={<FormattedMessage id="admin.audit.none" />} /> }}
        slotProps={{ loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' } }}
        sx={{ border: 0 }}
      />
    </Card>
  );
}
