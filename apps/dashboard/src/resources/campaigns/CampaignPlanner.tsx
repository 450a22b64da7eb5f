import type { CampaignDto } from '@crosslane/contracts';
import { Alert, Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { campaignApi } from './campaign-api';
import { formatEffect, formatOverlap } from './campaign-rules';
import { LaunchCampaignButton } from './CampaignButtons';
import { useCampaignData } from './use-campaign-data';

/** The planner: MDE per arm, duration, partner overlaps (suppressed as "< N"), and what would block launch. */
export function CampaignPlanner() {
  const campaign = useRecordContext<CampaignDto>();
  const {
    data: plan,
    error,
    loading,
  } = useCampaignData(campaign ? () => campaignApi.plan(campaign.id) : null, `${campaign?.id}:${campaign?.updatedAt}`);
  if (!campaign) return null;
  if (error) return <Alert severity="error">{error}</Alert>;
  if (loading || !plan) return <Typography>Planning…</Typography>;
  return (
    <Stack spacing={2} data-testid="campaign-planner">
      <Typography variant="body2">
        Target: {plan.segmentSize.toLocaleString('en')} members. Baseline {campaign.primaryMetric.toLowerCase().replace(/_/g, ' ')}:{' '}
        {campaign.primaryMetric === 'REVENUE_PER_MEMBER' ? plan.baseline.value.toFixed(2) : `${(plan.baseline.value * 100).toFixed(2)}%`} (
        {plan.baseline.source}).
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Arm</TableCell>
            <TableCell align="right">Weight</TableCell>
            <TableCell align="right">Expected members</TableCell>
            <TableCell align="right">Minimum detectable effect (80% power, 5% significance)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.arms.map((a) => (
            <TableRow key={a.key}>
              <TableCell>
                {a.name} {a.isControl && <Chip size="small" label="control" />}
              </TableCell>
              <TableCell align="right">{a.weight}</TableCell>
              <TableCell align="right">{a.expectedMembers.toLocaleString('en')}</TableCell>
              <TableCell align="right">
                {a.isControl ? '—' : formatEffect(a.minimumDetectableEffect, campaign.primaryMetric)}
                {a.relativeMinimumDetectableEffect !== null && !a.isControl
                  ? ` (${(a.relativeMinimumDetectableEffect * 100).toFixed(0)}% relative)`
                  : ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="body2" data-testid="planner-duration">
        Daily eligible members: {plan.dailyEligibleMembers.toLocaleString('en')}.{' '}
        {plan.expectedDuration
          ? `Expected duration: ${plan.expectedDuration.days} days (${plan.expectedDuration.fullWeekDays} in whole weeks).`
          : 'No recent traffic to estimate a duration.'}
      </Typography>
      {plan.partners.length > 0 && (
        <Table size="small" data-testid="planner-partners">
          <TableHead>
            <TableRow>
              <TableCell>Partner</TableCell>
              <TableCell align="right">Overlap with the segment</TableCell>
              <TableCell align="right">Minimum group size</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {plan.partners.map((p) => (
              <TableRow key={p.partnerId}>
                <TableCell>{p.partnerName}</TableCell>
                <TableCell align="right">{formatOverlap(p)}</TableCell>
                <TableCell align="right">
                  {p.minGroupSize}
                  {p.agreementId ? '' : ' (no active agreement: default)'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {plan.blockers.length > 0 ? (
        <Alert severity="warning" data-testid="planner-blockers">
          Launch would be refused:
          <ul style={{ margin: 0 }}>
            {plan.blockers.map((b) => (
              <li key={`${b.kind}:${b.arm}:${b.partnerId ?? ''}`}>{b.message}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <Alert severity="success">Nothing blocks the launch.</Alert>
      )}
      <Box>
        <LaunchCampaignButton />
      </Box>
    </Stack>
  );
}
