import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import type { VirtualKey } from '../../api/keys';

/** Asks before revoking: a revoked key cannot be brought back. */
export function RevokeKeyDialog({ apiKey, onCancel, onConfirm }: {
  apiKey: VirtualKey | undefined;
  onCancel: () => void;
  onConfirm: (key: VirtualKey) => void;
}) {
  const intl = useIntl();
  const name = apiKey?.name ?? intl.formatMessage({ id: 'user.keys.unnamed' });
  return (
    <Dialog open={!!apiKey} onClose={onCancel} aria-labelledby="revoke-key-title">
      <DialogTitle id="revoke-key-title"><FormattedMessage id="user.keys.revokeTitle" /></DialogTitle>
      <DialogContent>
        <DialogContentText>
          <FormattedMessage id="user.keys.revokeText" values={{ name, prefix: apiKey?.prefix ?? '' }} />
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus><FormattedMessage id="common.cancel" /></Button>
        <Button color="error" variant="contained" onClick={() => apiKey && onConfirm(apiKey)}>
          <FormattedMessage id="user.keys.revoke" />
        </Button>
      </DialogActions>
    </Dialog>
  );
}
