import { useState } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useIntl } from 'react-intl';
import { browserTimeZone, formatMoneyFromCredits, parseCredits, startOfDay, USD } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { newIdempotencyId, type GrantBody, type LedgerAction } from '../ledgerAdmin';
import { ReasonDialog } from './ReasonDialog';

const CATEGORIES = ['PROMOTIONAL', 'PAID'] as const;

/** Grant credits: amount, kind, optional expiry day (ends at the admin's midnight), and the reason. */
export function GrantDialog({ userId, act, onClose }: {
  userId: string;
  act: (action: LedgerAction) => Promise<unknown>;
  onClose: () => void;
}) {
  const intl = useIntl();
  const { locale } = useLocale();
  const [amount, setAmount] = useState('');
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>('PROMOTIONAL');
  const [expiresDay, setExpiresDay] = useState('');
  // One id per dialog: pressing the button again after a lost answer grants once (the ledger answers 200 then).
  const [grantId] = useState(() => newIdempotencyId('ui-grant'));
  const credits = parseCredits(amount);
  const invalid = credits === undefined || credits <= 0;
  const submit = (reason: string) => {
    const body: GrantBody = { amountCredits: credits, reason, grantId, category };
    if (expiresDay) body.expiresAt = startOfDay(expiresDay, browserTimeZone());
    return act({ kind: 'grant', body });
  };
  return (
    <ReasonDialog
      title={intl.formatMessage({ id: 'admin.grant.title' }, { userId })}
      submitLabel={intl.formatMessage({ id: 'admin.grant.submit' })}
      invalid={invalid}
      onSubmit={submit}
      onClose={onClose}
    >
      {(submitted) => (
        <>
          <TextField
            label={intl.formatMessage({ id: 'admin.grant.amount' })}
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            required
            autoFocus
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            error={submitted && invalid}
            helperText={submitted && invalid
              ? intl.formatMessage({ id: 'admin.credits.positive' })
              : credits ? intl.formatMessage({ id: 'admin.credits.inMoney' }, { money: formatMoneyFromCredits(credits, USD, locale) })
                : intl.formatMessage({ id: 'admin.credits.help' })}
          />
          <TextField select label={intl.formatMessage({ id: 'admin.grant.category' })} value={category}
            onChange={(event) => setCategory(event.target.value as (typeof CATEGORIES)[number])}>
            {CATEGORIES.map((c) => <MenuItem key={c} value={c}>{intl.formatMessage({ id: `admin.grant.category.${c}` })}</MenuItem>)}
          </TextField>
          <TextField
            type="date"
            label={intl.formatMessage({ id: 'admin.grant.expires' })}
            value={expiresDay}
            onChange={(event) => setExpiresDay(event.target.value)}
            helperText={intl.formatMessage({ id: 'admin.grant.expiresHelp' })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </>
      )}
    </ReasonDialog>
  );
}
