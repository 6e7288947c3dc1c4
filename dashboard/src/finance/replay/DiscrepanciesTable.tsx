import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Discrepancy } from '../types';

/** Each figure on which the replay and the ledger disagree, with its account ("—" = absent on that side). */
export function DiscrepanciesTable({ mismatches }: { mismatches: Discrepancy[] }) {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'finance.replay.discrepancies' });
  return (
    <Box>
      <Typography variant="h3" component="h3" gutterBottom>{title}</Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell><FormattedMessage id="finance.col.account" /></TableCell>
            <TableCell><FormattedMessage id="finance.col.field" /></TableCell>
            <TableCell align="right"><FormattedMessage id="finance.col.ledger" /></TableCell>
            <TableCell align="right"><FormattedMessage id="finance.col.replay" /></TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {mismatches.map((d, i) => (
            <TableRow key={`${d.userId}:${d.field}:${i}`}>
              <TableCell component="th" scope="row">{d.userId}</TableCell>
              <TableCell>{d.field}</TableCell>
              <TableCell align="right">{d.ledger ?? '—'}</TableCell>
              <TableCell align="right">{d.replay ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
