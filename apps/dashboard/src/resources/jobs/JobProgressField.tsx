import type { JobRunDto } from '@crosslane/contracts';
import { Box, LinearProgress, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

const barColor = (job: JobRunDto) =>
  job.status === 'FAILED' ? 'error' : job.status === 'COMPLETED' ? 'success' : job.status === 'CANCELLED' ? 'warning' : 'primary';

/** A progress bar with the percentage and the worker's latest note. */
export function JobProgressField({ showNote = true }: { showNote?: boolean; label?: string }) {
  const job = useRecordContext<JobRunDto>();
  if (!job) return null;
  const value = Math.max(0, Math.min(100, Number(job.progress) || 0));
  const waiting = job.status === 'QUEUED';
  return (
    <Box sx={{ minWidth: 160 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <LinearProgress
          variant={waiting ? 'indeterminate' : 'determinate'}
          value={value}
          color={barColor(job)}
          aria-label={`Progress of ${job.name}`}
          sx={{ flex: 1, height: 6, borderRadius: 3, opacity: waiting ? 0.4 : 1 }}
        />
        <Typography variant="caption" sx={{ minWidth: 34, textAlign: 'right' }}>
          {Math.round(value)}%
        </Typography>
      </Box>
      {showNote && job.progressNote ? (
        <Typography variant="caption" color="text.secondary" component="div" noWrap title={job.progressNote}>
          {job.progressNote}
        </Typography>
      ) : null}
    </Box>
  );
}
