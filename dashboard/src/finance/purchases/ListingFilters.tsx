import { Button, MenuItem, Stack, TextField } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { DateRangeFields } from '../../common/DateRangeFields';
import { NO_FILTERS, type ListingFilterValues } from './listingFilters';

/** The filters a listing allows: user, and where the API takes them, method and status; a date range. */
export function ListingFilters({ value, onChange, methods, statuses, statusPrefix }: {
  value: ListingFilterValues;
  onChange: (next: ListingFilterValues) => void;
  methods?: readonly string[];
  statuses?: readonly string[];
  /** The message id prefix of the status names, e.g. finance.purchase.status. */
  statusPrefix?: string;
}) {
  const intl = useIntl();
  const any = intl.formatMessage({ id: 'finance.filter.any' });
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { md: 'flex-start' }, flexWrap: 'wrap' }}>
      <TextField
        size="small"
        type="search"
        label={intl.formatMessage({ id: 'finance.filter.user' })}
        value={value.userId}
        onChange={(event) => onChange({ ...value, userId: event.target.value })}
        sx={{ minWidth: 240 }}
      />
      {methods && (
        <TextField
          select
          size="small"
          label={intl.formatMessage({ id: 'finance.filter.method' })}
          value={value.method}
          onChange={(event) => onChange({ ...value, method: event.target.value })}
          sx={{ minWidth: 180 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{any}</MenuItem>
          {methods.map((m) => <MenuItem key={m} value={m}>{intl.formatMessage({ id: `finance.method.${m}` })}</MenuItem>)}
        </TextField>
      )}
      {statuses && statusPrefix && (
        <TextField
          select
          size="small"
          label={intl.formatMessage({ id: 'finance.filter.status' })}
          value={value.status}
          onChange={(event) => onChange({ ...value, status: event.target.value })}
          sx={{ minWidth: 180 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{any}</MenuItem>
          {statuses.map((s) => <MenuItem key={s} value={s}>{intl.formatMessage({ id: `${statusPrefix}.${s}` })}</MenuItem>)}
        </TextField>
      )}
      <DateRangeFields value={value.range} onChange={(range) => onChange({ ...value, range })} />
      <Button onClick={() => onChange(NO_FILTERS)} disabled={value === NO_FILTERS}>
        <FormattedMessage id="finance.filter.clear" />
      </Button>
    </Stack>
  );
}
