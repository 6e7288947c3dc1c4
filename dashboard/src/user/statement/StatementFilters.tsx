import { Button, Checkbox, ListItemText, MenuItem, Stack, TextField } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { TRANSACTION_TYPES } from '../../api/types';
import { DateRangeFields } from '../../common/DateRangeFields';
import type { DayRange } from '../../common/dayRange';

/** Types (none = every type) and a range of the person's days, both inclusive ('' = open). */
export interface StatementFilterValues extends DayRange {
  types: string[];
}

export const NO_FILTERS: StatementFilterValues = { types: [], fromDay: '', toDay: '' };

/** Type (several) and a date range, each a labelled control. */
export function StatementFilters({ value, onChange }: { value: StatementFilterValues; onChange: (v: StatementFilterValues) => void }) {
  const intl = useIntl();
  const typeName = (type: string) => intl.formatMessage({ id: `user.type.${type}` });
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { sm: 'center' } }}>
      <TextField
        select
        size="small"
        label={intl.formatMessage({ id: 'user.statement.type' })}
        value={value.types}
        sx={{ minWidth: 220 }}
        slotProps={{
          select: {
            multiple: true,
            displayEmpty: true,
            renderValue: (selected) => {
              const list = selected as string[];
              return list.length ? list.map(typeName).join(', ') : intl.formatMessage({ id: 'user.statement.allTypes' });
            },
          },
          inputLabel: { shrink: true },
        }}
        onChange={(event) => {
          const selected = event.target.value as unknown as string[] | string;
          onChange({ ...value, types: typeof selected === 'string' ? selected.split(',') : selected });
        }}
      >
        {TRANSACTION_TYPES.map((type) => (
          <MenuItem key={type} value={type}>
            <Checkbox checked={value.types.includes(type)} size="small" tabIndex={-1} slotProps={{ input: { 'aria-hidden': true } }} />
            <ListItemText primary={typeName(type)} />
          </MenuItem>
        ))}
      </TextField>
      <DateRangeFields
        value={value}
        onChange={(days) => onChange({ ...value, fromDay: days.fromDay, toDay: days.toDay })}
      />
      <Button onClick={() => onChange(NO_FILTERS)} disabled={value === NO_FILTERS}>
        <FormattedMessage id="user.statement.clear" />
      </Button>
    </Stack>
  );
}
