import { Card, CardContent, Typography } from '@mui/material';
import { FormattedMessage } from 'react-intl';
import { StatementGrid } from '../../user';

/** The user's statement, as the user sees it (filters, pages, CSV of the same query), for any user. */
export function StatementCard({ userId }: { userId: string }) {
  return (
    <Card>
      <CardContent>
        <Typography variant="h2" component="h2" gutterBottom><FormattedMessage id="admin.statement.title" /></Typography>
        <StatementGrid userId={userId} height={520} />
      </CardContent>
    </Card>
  );
}
