import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import type { BrokenLink } from '../types';

/** The first broken hash link of each account and source: where its journal was changed, removed or reordered. */
export function BrokenLinksTable({ links }: { links: BrokenLink[] }) {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'finance.replay.brokenLinks' });
  return (
    <Box>
      <Typography variant="h3" component="h3" gutterBottom>{title}</Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell><FormattedMessage id="finance.col.account" /></TableCell>
            <TableCell><FormattedMessage id="finance.col.source" /></TableCell>
            <TableCell align="right"><FormattedMessage id="finance.col.sequence" /></TableCell>
            <TableCell><FormattedMessage id="finance.col.reason" /></TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {links.map((l) => (
            <TableRow key={`${l.userId}:${l.source}`}>
              <TableCell component="th" scope="row">{l.userId}</TableCell>
              <TableCell>{l.source}</TableCell>
              <TableCell align="right">{l.sequence}</TableCell>
              <TableCell>{l.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
