import { useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { errorText } from '../errorText';
import { parseAccounts, type PersonAction, type PersonView } from '../people';
import { RoleChoice } from './RoleChoice';

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Change a person's roles and ledger accounts; only what changed is sent (each is its own audited call). */
export function EditPersonDialog({ person, act, onClose }: {
  person: PersonView;
  act: (action: PersonAction) => Promise<unknown>;
  onClose: () => void;
}) {
  const intl = useIntl();
  const assigned = person.roles.filter((r) => r !== 'user');
  const [roles, setRoles] = useState<string[]>(assigned);
  const [accounts, setAccounts] = useState(person.accounts.join('\n'));
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  const listed = parseAccounts(accounts);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!listed.length) return;
    setSending(true);
    setError(undefined);
    try {
      if (!same(roles, assigned)) await act({ kind: 'roles', id: person.id, roles });
      if (!same(listed, person.accounts)) await act({ kind: 'accounts', id: person.id, accounts: listed });
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
      <DialogTitle><FormattedMessage id="admin.people.editTitle" values={{ email: person.email }} /></DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <RoleChoice value={roles} onChange={setRoles} />
          <TextField
            label={intl.formatMessage({ id: 'admin.people.accounts' })}
            value={accounts}
            onChange={(event) => setAccounts(event.target.value)}
            multiline
            required
            error={submitted && !listed.length}
            helperText={intl.formatMessage({ id: submitted && !listed.length ? 'admin.people.accountsRequired' : 'admin.people.accountsHelp' })}
          />
          {error !== undefined && <Alert severity="error" role="alert">{errorText(error, intl)}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={sending}><FormattedMessage id="common.cancel" /></Button>
        <Button type="submit" variant="contained" loading={sending}><FormattedMessage id="common.save" /></Button>
      </DialogActions>
    </Dialog>
  );
}
