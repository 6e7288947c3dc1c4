import { Stack, TextField } from '@mui/material';
import { useIntl } from 'react-intl';
import type { DayRange } from './dayRange';

/** Two plain date inputs (days in the person's zone, both inclusive), each labelled; says when from is after to. */
export function DateRangeFields({ value, onChange, required = false }: {
  value: DayRange;
  onChange: (range: DayRange) => void;
  required?: boolean;
}) {
  const intl = useIntl();
  const inverted = Boolean(value.fromDay && value.toDay && value.fromDay > value.toDay);
  return (
    <Stack direction="row" spacing={2}>
      <TextField
        type="date"
        size="small"
        required={required}
        label={intl.formatMessage({ id: 'common.range.from' })}
        value={value.fromDay}
        error={inverted}
        helperText={inverted ? intl.formatMessage({ id: 'common.range.inverted' }) : undefined}
        onChange={(event) => onChange({ ...value, fromDay: event.target.value })}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: value.toDay || undefined } }}
      />
      <TextField
        type="date"
        size="small"
        required={required}
        label={intl.formatMessage({ id: 'common.range.to' })}
        value={value.toDay}
        error={inverted}
        onChange={(event) => onChange({ ...value, toDay: event.target.value })}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: value.fromDay || undefined } }}
      />
    </Stack>
  );
}
