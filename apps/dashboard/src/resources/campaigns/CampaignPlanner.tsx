import type { CampaignDto } from '@crosslane/contracts';
import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { RowsTable } from '../../common/RowsTable';
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
      <RowsTable
        rows={plan.arms}
        rowKey={(a) => a.key}
        columns={[
          {
            header: 'Arm',
            cell: (a) => (
              <>
                {a.name} {a.isControl && <Chip size="small" label="control" />}
              </>
            ),
          },
          { header: 'Weight', cell: (a) => a.weight, align: 'right' },
          { header: 'Expected members', cell: (a) => a.expectedMembers.toLocaleString('en'), align: 'right' },
          {
            header: 'Minimum detectable effect (80% power, 5% significance)',
            cell: (a) => (
              <>
                {a.isControl ? '—' : formatEffect(a.minimumDetectableEffect, campaign.primaryMetric)}
                {a.relativeMinimumDetectableEffect !== null && !a.isControl
                  ? ` (${(a.relativeMinimumDetectableEffect * 100).toFixed(0)}% relative)`
                  : ''}
              </>
            ),
            align: 'right',
          },
        ]}
      />
      <Typography variant="body2" data-testid="planner-duration">
        Daily eligible members: {plan.dailyEligibleMembers.toLocaleString('en')}.{' '}
        {plan.expectedDuration
          ? `Expected duration: ${plan.expectedDuration.days} days (${plan.expectedDuration.fullWeekDays} in whole weeks).`
          : 'No recent traffic to estimate a duration.'}
      </Typography>
      {plan.partners.length > 0 && (
        <RowsTable
          testId="planner-partners"
          rows={plan.partners}
          rowKey={(p) => p.partnerId}
          columns={[
            { header: 'Partner', cell: (p) => p.partnerName },
            { header: 'Overlap with the segment', cell: (p) => formatOverlap(p), align: 'right' },
            {
              header: 'Minimum group size',
              cell: (p) => `${p.minGroupSize}${p.agreementId ? '' : ' (no active agreement: default)'}`,
              align: 'right',
            },
          ]}
        />
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
