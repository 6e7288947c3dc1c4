import { useState } from 'react';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import { FormattedMessage, useIntl } from 'react-intl';
import type { VirtualKey } from '../../api/keys';
import { useAccountId } from '../../api/me';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { PageHeader } from '../../common/PageHeader';
import { QueryState } from '../../common/QueryState';
import { useKeys, useRevokeKey } from '../queries';
import { CreateKeyDialog } from './CreateKeyDialog';
import { KeysTable } from './KeysTable';
import { RevokeKeyDialog } from './RevokeKeyDialog';

/** Personal API keys: list, create (the secret shown once), revoke after a confirmation. */
export function KeysPage() {
  const intl = useIntl();
  const userId = useAccountId();
  const keys = useKeys(userId);
  const revoke = useRevokeKey(userId);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<VirtualKey | undefined>();
  return (
    <>
      <PageHeader
        title={intl.formatMessage({ id: 'user.keys.title' })}
        action={<Button variant="contained" startIcon={<AddOutlined />} onClick={() => setCreating(true)}><FormattedMessage id="user.keys.create" /></Button>}
      />
      <Typography color="text.secondary" sx={{ mb: 2 }}><FormattedMessage id="user.keys.intro" /></Typography>
      {revoke.isError && <Box sx={{ mb: 2 }}><ErrorState error={revoke.error} /></Box>}
      <Card>
        <CardContent>
          <QueryState query={keys}>
            {(list) => (list.length === 0
              ? <EmptyState message={<FormattedMessage id="user.keys.none" />} />
              : <KeysTable keys={list} onRevoke={setRevoking} />)}
          </QueryState>
        </CardContent>
      </Card>
      <CreateKeyDialog userId={userId} open={creating} onClose={() => setCreating(false)} />
      <RevokeKeyDialog
        apiKey={revoking}
        onCancel={() => setRevoking(undefined)}
        onConfirm={(key) => { setRevoking(undefined); revoke.mutate(key.id); }}
      />
    </>
  );
}
