import type { OverlapResultDto } from '@crosslane/contracts';
import { Alert, Box, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { AutocompleteInput, Button, Form, ReferenceInput } from 'react-admin';
import { usePartnerData } from './use-partner-data';
import { formatSuppressedCount } from '@crosslane/domain-rules';

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Box sx={{ minWidth: 180 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6">{value}</Typography>
      {hint && (
        <Typography variant="caption" color="text.secondary">
          {hint}
        </Typography>
      )}
    </Box>
  );
}

/** What the data measures, beside the scorecard: every count below the agreement's minimum group size is shown as suppressed. */
export function MeasuresPanel() {
  const { partner, dataProvider, notify, data: measures } = usePartnerData((provider, id) => provider.getPartnerMeasures(id));
  const [overlap, setOverlap] = useState<OverlapResultDto | null>(null);

  if (!partner) return null;
  const computeOverlap = async (values: Record<string, unknown>) => {
    try {
      setOverlap((await dataProvider.getPartnerOverlap(partner.id, (values.segmentId as string) || undefined)).data);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  return (
    <Card variant="outlined" data-testid="measures">
      <CardHeader
        title="What the data measures"
        subheader={
          measures
            ? `Through the disclosure gate: counts under ${measures.threshold} are suppressed, and a count within ${measures.threshold} members of an earlier one is withheld or noisy (docs/privacy.md)`
            : 'Loading…'
        }
      />
      <CardContent>
        {measures && (
          <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
            <Figure label="Customer list" value={measures.customerListSize.toLocaleString('en')} hint="rows the partner sent" />
            <Figure
              label="Matched members (overlap)"
              value={formatSuppressedCount(measures.matchedMembers)}
              hint="members matched by keyed hash"
            />
            <Figure
              label="Car-interested among matched"
              value={measures.carInterestedShare === null ? '—' : `${Math.round(measures.carInterestedShare * 1000) / 10}%`}
              hint={formatSuppressedCount(measures.carInterested)}
            />
            <Figure
              label="Reviews"
              value={measures.reviews.count.toLocaleString('en')}
              hint={measures.reviews.averageRating === null ? 'no rating yet' : `average ${measures.reviews.averageRating} / 5`}
            />
          </Stack>
        )}
        <Form onSubmit={computeOverlap}>
          <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 2 }}>
            <ReferenceInput source="segmentId" reference="segments" sort={{ field: 'name', order: 'ASC' }}>
              <AutocompleteInput
                label="Overlap with segment (empty: all members)"
                optionText="name"
                sx={{ minWidth: 320 }}
                helperText={false}
              />
            </ReferenceInput>
            <Button type="submit" label="Compute overlap" variant="outlined" />
          </Stack>
        </Form>
        {overlap && (
          <Alert severity={overlap.suppressed ? 'warning' : 'info'} sx={{ mt: 2 }} data-testid="overlap-result">
            Overlap with {overlap.segmentId ? 'the segment' : 'all members'} ({overlap.memberSetSize.toLocaleString('en')} members):{' '}
            {formatSuppressedCount(overlap)}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
