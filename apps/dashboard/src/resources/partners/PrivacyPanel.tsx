import { Box, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { usePartnerData } from './use-partner-data';
import { budgetGauge, needlePoint } from './privacy-gauge';
import { RowsTable } from '../../common/RowsTable';

const TONE = { ok: '#2e7d32', low: '#ed6c02', empty: '#d32f2f' } as const;

/** A half-dial fuel gauge of the epsilon left this month. */
function BudgetDial({ budget, spent }: { budget: number; spent: number }) {
  const gauge = budgetGauge(budget, spent);
  const needle = needlePoint(gauge.leftShare, 60, 60, 46);
  return (
    <Box data-testid="budget-gauge" aria-label={gauge.label}>
      <svg width={120} height={70} viewBox="0 0 120 70" role="img">
        <path d="M 10 60 A 50 50 0 0 1 110 60" fill="none" stroke="#e0e0e0" strokeWidth={10} />
        <text x={8} y={70} fontSize={9}>
          E
        </text>
        <text x={106} y={70} fontSize={9}>
          F
        </text>
        <line x1={60} y1={60} x2={needle.x} y2={needle.y} stroke={TONE[gauge.tone]} strokeWidth={3} />
        <circle cx={60} cy={60} r={4} fill={TONE[gauge.tone]} />
      </svg>
      <Typography variant="caption" display="block">
        {gauge.label}
      </Typography>
    </Box>
  );
}

/** The partner's privacy: mode and k, this month's epsilon budget used and left, and the releases the gate refused or withheld. */
export function PrivacyPanel() {
  const { partner, data: privacy } = usePartnerData((provider, id) => provider.getPartnerPrivacy(id));

  if (!partner) return null;
  return (
    <Card variant="outlined" data-testid="privacy">
      <CardHeader
        title="Privacy"
        subheader={
          privacy
            ? `${privacy.mode === 'NOISE' ? 'Noise' : 'Threshold with difference checks'}, minimum group size ${privacy.k}`
            : 'Loading…'
        }
      />
      <CardContent>
        {privacy && (
          <Stack spacing={2}>
            {privacy.mode === 'NOISE' ? (
              <Stack direction="row" spacing={4} alignItems="center">
                <BudgetDial budget={privacy.epsilonBudget} spent={privacy.epsilonSpent} />
                <Typography variant="body2">
                  {privacy.period}: {privacy.epsilonSpent.toFixed(2)} of {privacy.epsilonBudget} epsilon used by {privacy.releases} noisy
                  answers ({privacy.epsilonPerQuery} each); refreshes on {privacy.refreshesOn}.
                </Typography>
              </Stack>
            ) : (
              <Typography variant="body2">
                No noise budget: exact counts of at least {privacy.k}, withheld when they differ from an earlier result by fewer than{' '}
                {privacy.k} members.
              </Typography>
            )}
            <Typography variant="subtitle2">Refused or withheld releases ({privacy.refusals.length})</Typography>
            {privacy.refusals.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                None.
              </Typography>
            ) : (
              <RowsTable
                testId="privacy-refusals"
                rows={privacy.refusals}
                rowKey={(r, i) => `${r.at}-${i}`}
                columns={[
                  { header: 'When', cell: (r) => r.at.slice(0, 16).replace('T', ' ') },
                  { header: 'Rule', cell: (r) => r.rule },
                  { header: 'What', cell: (r) => [r.metric, r.source].filter(Boolean).join(' · ') },
                  { header: 'Why', cell: (r) => r.message },
                  { header: 'By', cell: (r) => r.actorEmail ?? 'a job' },
                ]}
              />
            )}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
