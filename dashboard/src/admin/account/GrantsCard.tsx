import { Button, Card, CardContent, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import type { GrantView } from '../../api/types';
import { EmptyState } from '../../common/EmptyState';
import { formatCredits, formatDate } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';

/** The account's open grants in the order they are spent, each with Revoke. */
export function GrantsCard({ grants, onRevoke }: { grants: GrantView[]; onRevoke: (grant: GrantView) => void }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const header = (id: string) => intl.formatMessage({ id: `admin.grants.col.${id}` });
  return (
    <Card>
      <CardContent>
        <Typography variant="h2" component="h2" gutterBottom><FormattedMessage id="admin.grants.title" /></Typography>
        {grants.length === 0 ? <EmptyState message={<FormattedMessage id="admin.grants.none" />} /> : (
          <TableContainer>
            <Table size="small" aria-label={intl.formatMessage({ id: 'admin.grants.title' })}>
              <TableHead>
                <TableRow>
                  <TableCell>{header('grant')}</TableCell>
                  <TableCell>{header('category')}</TableCell>
                  <TableCell align="right">{header('remaining')}</TableCell>
                  <TableCell align="right">{header('amount')}</TableCell>
                  <TableCell>{header('expires')}</TableCell>
                  <TableCell>{header('reason')}</TableCell>
                  <TableCell>{header('actions')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {grants.map((grant) => (
                  <TableRow key={grant.grantId}>
                    <TableCell sx={{ wordBreak: 'break-all' }}>{grant.grantId}</TableCell>
                    <TableCell>{grant.category}</TableCell>
                    <TableCell align="right">{formatCredits(grant.remainingCredits, locale)}</TableCell>
                    <TableCell align="right">{formatCredits(grant.amountCredits, locale)}</TableCell>
                    <TableCell>{grant.expiresAt ? formatDate(grant.expiresAt, locale) : header('never')}</TableCell>
                    <TableCell>{[grant.reason, grant.actor && `(${grant.actor})`].filter(Boolean).join(' ')}</TableCell>
                    <TableCell>
                      <Button
                        size="small"
                        color="error"
                        disabled={grant.status !== 'OPEN'}
                        onClick={() => onRevoke(grant)}
                        aria-label={intl.formatMessage({ id: 'admin.grants.revokeOne' }, { grantId: grant.grantId })}
                      >
                        <FormattedMessage id="admin.grants.revoke" />
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </CardContent>
    </Card>
  );
}
