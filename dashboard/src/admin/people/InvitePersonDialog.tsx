import { useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { errorText } from '../errorText';
import { parseAccounts, type CreatePerson } from '../people';
import { RoleChoice } from './RoleChoice';

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * Invite a person: the console creates them and mails a link to set a password. Their ledger account defaults to
 * their email (what LibreChat sends as the user id), so a newcomer can invite alice by typing only her email.
 */
export function InvitePersonDialog({ create, onDone, onClose }: {
  create: (body: CreatePerson) => Promise<unknown>;
  onDone: (email: string) => void;
  onClose: () => void;
}) {
  const intl = useIntl();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [accounts, setAccounts] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  const emailValid = EMAIL.test(email.trim());
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!emailValid) return;
    const listed = parseAccounts(accounts);
    setSending(true);
    setError(undefined);
    try {
      await create({ email: email.trim(), name: name.trim(), roles, accounts: listed.length ? listed : [email.trim()] });
      onDone(email.trim());
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Dialog open onClose={sending ? undefined : onClose} fullWidth maxWidth="sm"
      slotProps={{ paper: { component: 'form', onSubmit: submit, noValidate: true } as object }}>
      <DialogTitle><FormattedMessage id="admin.people.invite" /></DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <DialogContentText><FormattedMessage id="admin.people.inviteText" /></DialogContentText>
          <TextField
            label={intl.formatMessage({ id: 'admin.people.email' })}
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            autoFocus
            error={submitted && !emailValid}
            helperText={submitted && !emailValid ? intl.formatMessage({ id: 'admin.people.emailInvalid' }) : undefined}
          />
          <TextField label={intl.formatMessage({ id: 'admin.people.name' })} value={name} onChange={(event) => setName(event.target.value)} />
          <RoleChoice value={roles} onChange={setRoles} />
          <TextField
            label={intl.formatMessage({ id: 'admin.people.accounts' })}
            value={accounts}
            onChange={(event) => setAccounts(event.target.value)}
            placeholder={email.trim() || undefined}
            multiline
            helperText={intl.formatMessage({ id: 'admin.people.accountsHelp' })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {error !== undefined && <Alert severity="error" role="alert">{errorText(error, intl)}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={sending}><FormattedMessage id="common.cancel" /></Button>
        <Button type="submit" variant="contained" loading={sending}><FormattedMessage id="admin.people.inviteSubmit" /></Button>
      </DialogActions>
    </Dialog>
  );
}
