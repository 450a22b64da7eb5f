import { Alert, Chip } from '@mui/material';

/**
 * The analysis's one-paragraph decision, coloured by what it means: red when
 * the split itself is broken (sample ratio mismatch), green when the verdict
 * is to ship, blue otherwise.
 */
export function DecisionSummary({ summary, srmFlagged, verdict }: { summary: string; srmFlagged: boolean; verdict: string }) {
  return (
    <Alert
      severity={srmFlagged ? 'error' : verdict === 'ship' ? 'success' : 'info'}
      data-testid="decision-summary"
      sx={{ whiteSpace: 'pre-line' }}
    >
      {summary}
    </Alert>
  );
}

/** Whether the arms got the traffic they were meant to (the sample ratio mismatch check), with its p-value. */
export function SrmChip({ srm, formatP }: { srm: { flagged: boolean; pValue: number }; formatP: (p: number) => string }) {
  return (
    <Chip
      label={`SRM: ${srm.flagged ? 'MISMATCH' : 'ok'} (p = ${formatP(srm.pValue)})`}
      color={srm.flagged ? 'error' : 'success'}
      data-testid="srm-state"
    />
  );
}
