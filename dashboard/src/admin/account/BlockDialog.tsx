import { useIntl } from 'react-intl';
import type { LedgerAction } from '../ledgerAdmin';
import { ReasonDialog } from './ReasonDialog';

/** Block a user (calls are refused) or lift the block, with the reason. */
export function BlockDialog({ userId, blocked, act, onClose }: {
  userId: string;
  /** Whether the account is blocked now: the dialog then unblocks. */
  blocked: boolean;
  act: (action: LedgerAction) => Promise<unknown>;
  onClose: () => void;
}) {
  const intl = useIntl();
  const kind = blocked ? 'unblock' : 'block';
  return (
    <ReasonDialog
      title={intl.formatMessage({ id: `admin.${kind}.title` }, { userId })}
      description={intl.formatMessage({ id: `admin.${kind}.text` })}
      submitLabel={intl.formatMessage({ id: `admin.${kind}.submit` })}
      danger={!blocked}
      onSubmit={(reason) => act({ kind, reason })}
      onClose={onClose}
    />
  );
}
