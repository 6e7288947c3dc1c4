import { Stack, TextField } from '@mui/material';
import { useIntl } from 'react-intl';

/** The refund's amount (empty = all that remains) and its reason, each with what is wrong once the person tried. */
export function RefundFields({ currency, remaining, amount, reason, amountError, reasonError, onAmount, onReason }: {
  currency: string;
  /** What remains refundable, formatted. */
  remaining: string;
  amount: string;
  reason: string;
  amountError?: string;
  reasonError?: string;
  onAmount: (value: string) => void;
  onReason: (value: string) => void;
}) {
  const intl = useIntl();
  return (
    <Stack spacing={2}>
      <TextField
        label={intl.formatMessage({ id: 'finance.refund.amount' }, { currency: currency.toUpperCase() })}
        value={amount}
        onChange={(event) => onAmount(event.target.value)}
        error={amountError !== undefined}
        helperText={amountError ?? intl.formatMessage({ id: 'finance.refund.amountHelp' }, { remaining })}
        slotProps={{ htmlInput: { inputMode: 'decimal' } }}
      />
      <TextField
        label={intl.formatMessage({ id: 'finance.refund.reason' })}
        value={reason}
        required
        multiline
        minRows={2}
        onChange={(event) => onReason(event.target.value)}
        error={reasonError !== undefined}
        helperText={reasonError ?? intl.formatMessage({ id: 'finance.refund.reasonHelp' })}
      />
    </Stack>
  );
}
