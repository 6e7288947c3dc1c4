import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { REASON_CHARS_MAX } from '../reason';
import { errorText } from '../errorText';

/**
 * A dialog for one ledger action: its own fields (children), then a required reason for the audit log. It refuses to
 * send without a reason or with invalid fields, and on a refusal shows the server's own message and stays open.
 */
export function ReasonDialog({ title, description, submitLabel, invalid, onSubmit, onClose, children, danger }: {
  title: string;
  description?: ReactNode;
  submitLabel: string;
  /** True while the dialog's own fields are not valid; they show their errors once `submitted`. */
  invalid?: boolean;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  children?: (submitted: boolean) => ReactNode;
  danger?: boolean;
}) {
  const intl = useIntl();
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  const reasonMissing = reason.trim() === '';
  const reasonTooLong = reason.length > REASON_CHARS_MAX;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (reasonMissing || reasonTooLong || invalid) {
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      await onSubmit(reason.trim());
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };
  let reasonHelp = intl.formatMessage({ id: 'admin.dialog.reasonHelp' });
  if (submitted && reasonMissing) reasonHelp = intl.formatMessage({ id: 'admin.dialog.reasonRequired' });
  if (reasonTooLong) reasonHelp = intl.formatMessage({ id: 'admin.dialog.reasonTooLong' }, { max: REASON_CHARS_MAX });
  return (
    <Dialog open onClose={sending ? undefined : onClose} fullWidth maxWidth="sm" slotProps={{ paper: { component: 'form', onSubmit: submit, noValidate: true } as object }}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {description && <DialogContentText component="div">{description}</DialogContentText>}
          {children?.(submitted)}
          <TextField
            label={intl.formatMessage({ id: 'admin.dialog.reason' })}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
            multiline
            minRows={2}
            error={(submitted && reasonMissing) || reasonTooLong}
            helperText={reasonHelp}
          />
          {error !== undefined && <Alert severity="error" role="alert">{errorText(error, intl)}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={sending}><FormattedMessage id="common.cancel" /></Button>
        <Button type="submit" variant="contained" color={danger ? 'error' : 'primary'} loading={sending}>{submitLabel}</Button>
      </DialogActions>
    </Dialog>
  );
}

