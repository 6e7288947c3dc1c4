import { Box, Button, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import type { VirtualKey } from '../../api/keys';
import { formatCredits, formatDate } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { visuallyHidden } from '../../common/visuallyHidden';

/** The account's keys: never the secret, only its first characters. */
export function KeysTable({ keys, onRevoke }: { keys: VirtualKey[]; onRevoke: (key: VirtualKey) => void }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const header = (id: string) => intl.formatMessage({ id });
  return (
    <TableContainer>
      <Table size="small" aria-label={header('user.keys.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{header('user.keys.col.name')}</TableCell>
            <TableCell>{header('user.keys.col.prefix')}</TableCell>
            <TableCell align="right">{header('user.keys.col.budget')}</TableCell>
            <TableCell align="right">{header('user.keys.col.spent')}</TableCell>
            <TableCell>{header('user.keys.col.created')}</TableCell>
            <TableCell>{header('user.keys.col.status')}</TableCell>
            <TableCell><Box component="span" sx={visuallyHidden}>{header('user.keys.revoke')}</Box></TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {keys.map((key) => {
            const name = key.name ?? header('user.keys.unnamed');
            return (
              <TableRow key={key.id}>
                <TableCell>{name}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{key.prefix}…</TableCell>
                <TableCell align="right">
                  {key.budgetCredits === null ? header('user.keys.noBudget') : formatCredits(key.budgetCredits, locale)}
                </TableCell>
                <TableCell align="right">{formatCredits(key.spentCredits, locale)}</TableCell>
                <TableCell>{formatDate(key.createdAt, locale)}</TableCell>
                <TableCell>
                  {key.revokedAt
                    ? <FormattedMessage id="user.keys.revoked" values={{ date: formatDate(key.revokedAt, locale) }} />
                    : header('user.keys.active')}
                </TableCell>
                <TableCell>
                  {!key.revokedAt && (
                    <Button size="small" color="error" onClick={() => onRevoke(key)}
                      aria-label={intl.formatMessage({ id: 'user.keys.revokeLabel' }, { name })}>
                      <FormattedMessage id="user.keys.revoke" />
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
