import { useState } from 'react';
import { TextField } from '@mui/material';
import { useIntl } from 'react-intl';
import { formatCredits, parseCredits } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import type { LedgerAction } from '../ledgerAdmin';
import { ReasonDialog } from './ReasonDialog';

/** Set the most the user may spend per cycle, or clear it (an empty field sends null, which removes the cap). */
export function CycleCapDialog({ userId, currentCapCredits, act, onClose }: {
  userId: string;
  currentCapCredits?: number;
  act: (action: LedgerAction) => Promise<unknown>;
  onClose: () => void;
}) {
  const intl = useIntl();
  const { locale } = useLocale();
  const [cap, setCap] = useState(currentCapCredits == null ? '' : String(currentCapCredits));
  const clearing = cap.trim() === '';
  const credits = clearing ? null : parseCredits(cap);
  const invalid = credits === undefined;
  return (
    <ReasonDialog
      title={intl.formatMessage({ id: 'admin.cap.title' }, { userId })}
      description={currentCapCredits == null
        ? intl.formatMessage({ id: 'admin.cap.none' })
        : intl.formatMessage({ id: 'admin.cap.current' }, { credits: formatCredits(currentCapCredits, locale) })}
      submitLabel={intl.formatMessage({ id: clearing ? 'admin.cap.clear' : 'admin.cap.submit' })}
      invalid={invalid}
      onSubmit={(reason) => act({ kind: 'cycleCap', body: { capCredits: credits ?? undefined, reason } })}
      onClose={onClose}
    >
      {(submitted) => (
        <TextField
          label={intl.formatMessage({ id: 'admin.cap.amount' })}
          value={cap}
          onChange={(event) => setCap(event.target.value)}
          autoFocus
          error={submitted && invalid}
          helperText={intl.formatMessage({ id: submitted && invalid ? 'admin.credits.notNegative' : 'admin.cap.help' })}
        />
      )}
    </ReasonDialog>
  );
}
