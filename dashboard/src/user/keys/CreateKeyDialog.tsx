import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import ContentCopy from '@mui/icons-material/ContentCopy';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CreatedKey } from '../../api/keys';
import { ErrorState } from '../../common/ErrorState';
import { useCreateKey } from '../queries';

/** The secret, shown this once, with a copy button and the warning that it will not be shown again. */
function CreatedKeyView({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const intl = useIntl();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(created.key);
    setCopied(true);
  };
  return (
    <>
      <DialogTitle id="key-dialog-title"><FormattedMessage id="user.keys.created.title" /></DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}><FormattedMessage id="user.keys.created.warning" /></Alert>
        <TextField
          fullWidth
          label={created.name ?? intl.formatMessage({ id: 'user.keys.unnamed' })}
          value={created.key}
          slotProps={{ htmlInput: { readOnly: true, spellCheck: false, style: { fontFamily: 'monospace' } } }}
          onFocus={(e) => e.target.select()}
        />
      </DialogContent>
      <DialogActions>
        <Button startIcon={<ContentCopy />} onClick={() => void copy()}>
          <FormattedMessage id={copied ? 'user.keys.copied' : 'user.keys.copy'} />
        </Button>
        <Button variant="contained" onClick={onDone}><FormattedMessage id="user.keys.done" /></Button>
      </DialogActions>
    </>
  );
}

/** Create a key (name, optional budget); its secret is shown once, then never again. */
export function CreateKeyDialog({ userId, open, onClose }: { userId: string; open: boolean; onClose: () => void }) {
  const intl = useIntl();
  const create = useCreateKey(userId);
  const [name, setName] = useState('');
  const [budget, setBudget] = useState('');
  const [budgetProblem, setBudgetProblem] = useState(false);
  const close = () => {
    create.reset();
    setName('');
    setBudget('');
    setBudgetProblem(false);
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = budget.trim();
    const bad = trimmed !== '' && !(/^\d+$/.test(trimmed) && Number(trimmed) >= 1);
    setBudgetProblem(bad);
    if (bad) return;
    create.mutate({ name: name.trim() || undefined, budgetCredits: trimmed ? Number(trimmed) : undefined });
  };
  return (
    // Closing by the backdrop is off once the secret shows: it must not vanish by a stray click.
    <Dialog open={open} onClose={create.data ? undefined : close} aria-labelledby="key-dialog-title" fullWidth maxWidth="sm">
      {create.data ? <CreatedKeyView created={create.data} onDone={close} /> : (
        <Box component="form" noValidate onSubmit={submit}>
          <DialogTitle id="key-dialog-title"><FormattedMessage id="user.keys.create" /></DialogTitle>
          <DialogContent>
            <Stack spacing={2} sx={{ pt: 1 }}>
              <TextField
                autoFocus
                label={intl.formatMessage({ id: 'user.keys.name' })}
                helperText={intl.formatMessage({ id: 'user.keys.nameHelp' })}
                value={name}
                onChange={(e) => setName(e.target.value)}
                slotProps={{ htmlInput: { maxLength: 200 } }}
              />
              <TextField
                label={intl.formatMessage({ id: 'user.keys.budget' })}
                helperText={intl.formatMessage({ id: budgetProblem ? 'user.keys.error.budget' : 'user.keys.budgetHelp' })}
                error={budgetProblem}
                value={budget}
                onChange={(e) => setBudget(e.target.value)}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              />
              {create.isError && <ErrorState error={create.error} />}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" variant="contained" disabled={create.isPending}><FormattedMessage id="user.keys.create" /></Button>
          </DialogActions>
        </Box>
      )}
    </Dialog>
  );
}
