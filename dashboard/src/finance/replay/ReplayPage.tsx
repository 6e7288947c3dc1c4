import { useEffect, useState } from 'react';
import { Alert, AlertTitle, Box, Button, Card, CardContent, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import PlayArrowOutlined from '@mui/icons-material/PlayArrowOutlined';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/errors';
import { ErrorState } from '../../common/ErrorState';
import { PageHeader } from '../../common/PageHeader';
import { useRunReplay, useReplayRuns } from '../queries';
import { REPLAY_SOURCES } from '../types';
import { ReplayReportView } from './ReplayReportView';
import { ReplayRunsGrid } from './ReplayRunsGrid';

/** Seconds since `start` while `running`, ticking once a second. */
function useElapsedSeconds(running: boolean, start: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [running]);
  return running && start ? Math.max(0, Math.floor((now - start) / 1000)) : 0;
}

/**
 * The audit replay: folds the whole journal and checks every balance, cycle and open grant against the ledger, and
 * every hash link. The ledger answers only when the run has finished, so while it runs the button is disabled, a
 * progress bar shows, and the history is polled (a run appears there when it ends, whoever started it).
 */
export function ReplayPage() {
  const intl = useIntl();
  const [source, setSource] = useState('');
  const run = useRunReplay();
  const runs = useReplayRuns(run.isPending);
  const elapsed = useElapsedSeconds(run.isPending, run.submittedAt || undefined);
  const unavailable = run.error instanceof ApiError && run.error.status === 503;
  return (
    <>
      <PageHeader title={intl.formatMessage({ id: 'finance.replay.title' })} />
      <Typography color="text.secondary" sx={{ mb: 2, maxWidth: 820 }}><FormattedMessage id="finance.replay.intro" /></Typography>
      <Stack spacing={2}>
        <Card>
          <CardContent>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
              <TextField
                select
                size="small"
                label={intl.formatMessage({ id: 'finance.replay.source' })}
                value={source}
                onChange={(event) => setSource(event.target.value)}
                disabled={run.isPending}
                sx={{ minWidth: 260 }}
                slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              >
                {REPLAY_SOURCES.map((s) => (
                  <MenuItem key={s} value={s}>{intl.formatMessage({ id: `finance.replay.source.${s || 'default'}` })}</MenuItem>
                ))}
              </TextField>
              <Button
                variant="contained"
                startIcon={<PlayArrowOutlined />}
                onClick={() => run.mutate(source)}
                disabled={run.isPending}
              >
                <FormattedMessage id={run.isPending ? 'finance.replay.running' : 'finance.replay.run'} />
              </Button>
            </Stack>
            {run.isPending && (
              <Box sx={{ mt: 2 }} role="status" aria-live="polite">
                <LinearProgress aria-label={intl.formatMessage({ id: 'finance.replay.progressLabel' })} />
                <Typography variant="body2" sx={{ mt: 1 }}>
                  <FormattedMessage id="finance.replay.inProgress" values={{ seconds: elapsed }} />
                </Typography>
              </Box>
            )}
          </CardContent>
        </Card>
        {run.isError && (unavailable ? (
          <Alert severity="warning">
            <AlertTitle><FormattedMessage id="finance.replay.unavailableTitle" /></AlertTitle>
            <FormattedMessage id="finance.replay.unavailable" values={{ message: (run.error as ApiError).message }} />
          </Alert>
        ) : <ErrorState error={run.error} onRetry={() => run.mutate(run.variables ?? '')} />)}
        {run.isSuccess && <ReplayReportView report={run.data} />}
        <ReplayRunsGrid query={runs} />
      </Stack>
    </>
  );
}
