import { useState } from 'react';
import { TextField } from '@mui/material';
import { useIntl } from 'react-intl';
import { formatMoneyFromCredits, parseCredits, USD } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { newIdempotencyId, type LedgerAction } from '../ledgerAdmin';
import { ReasonDialog } from './ReasonDialog';

/** Adjust the balance by a signed amount (a correction), with the reason. */
export function AdjustDialog({ userId, act, onClose }: {
  userId: string;
  act: (action: LedgerAction) => Promise<unknown>;
  onClose: () => void;
}) {
  const intl = useIntl();
  const { locale } = useLocale();
  const [amount, setAmount] = useState('');
  const [adjustmentId] = useState(() => newIdempotencyId('ui-adjust'));
  const credits = parseCredits(amount, { signed: true });
  const invalid = credits === undefined || credits === 0;
  return (
    <ReasonDialog
      title={intl.formatMessage({ id: 'admin.adjust.title' }, { userId })}
      description={intl.formatMessage({ id: 'admin.adjust.text' })}
      submitLabel={intl.formatMessage({ id: 'admin.adjust.submit' })}
      invalid={invalid}
      onSubmit={(reason) => act({ kind: 'adjust', body: { amountCredits: credits, reason, adjustmentId } })}
      onClose={onClose}
    >
      {(submitted) => (
        <TextField
          label={intl.formatMessage({ id: 'admin.adjust.amount' })}
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          required
          autoFocus
          error={submitted && invalid}
          helperText={submitted && invalid
            ? intl.formatMessage({ id: 'admin.adjust.invalid' })
            : credits ? intl.formatMessage({ id: 'admin.credits.inMoney' }, { money: formatMoneyFromCredits(credits, USD, locale) })
              : intl.formatMessage({ id: 'admin.adjust.help' })}
        />
      )}
    </ReasonDialog>
  );
}
