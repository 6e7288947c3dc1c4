import { useIntl } from 'react-intl';
import type { GrantView } from '../../api/types';
import { formatCredits } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import type { LedgerAction } from '../ledgerAdmin';
import { ReasonDialog } from './ReasonDialog';

/** Revoke a grant: what it still holds leaves the balance. */
export function RevokeGrantDialog({ grant, act, onClose }: {
  grant: GrantView;
  act: (action: LedgerAction) => Promise<unknown>;
  onClose: () => void;
}) {
  const intl = useIntl();
  const { locale } = useLocale();
  return (
    <ReasonDialog
      title={intl.formatMessage({ id: 'admin.revoke.title' })}
      description={intl.formatMessage({ id: 'admin.revoke.text' },
        { grantId: grant.grantId, credits: formatCredits(grant.remainingCredits, locale) })}
      submitLabel={intl.formatMessage({ id: 'admin.revoke.submit' })}
      danger
      onSubmit={(reason) => act({ kind: 'revoke', grantId: grant.grantId, reason })}
      onClose={onClose}
    />
  );
}
