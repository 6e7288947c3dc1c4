import { Button, Card, CardContent, Typography } from '@mui/material';
import DownloadOutlined from '@mui/icons-material/DownloadOutlined';
import { FormattedMessage } from 'react-intl';

/**
 * The user's statement. The user area's statement grid reads the signed-in person's own account; until it takes a
 * user id, the admin downloads the whole statement as the ledger's CSV (the same endpoint, format=csv).
 */
export function StatementCard({ userId }: { userId: string }) {
  return (
    <Card>
      <CardContent>
        <Typography variant="h2" component="h2" gutterBottom><FormattedMessage id="admin.statement.title" /></Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}><FormattedMessage id="admin.statement.text" /></Typography>
        <Button
          variant="outlined"
          startIcon={<DownloadOutlined />}
          href={`/api/accounts/${encodeURIComponent(userId)}/transactions?format=csv`}
          download
        >
          <FormattedMessage id="admin.statement.csv" />
        </Button>
      </CardContent>
    </Card>
  );
}
