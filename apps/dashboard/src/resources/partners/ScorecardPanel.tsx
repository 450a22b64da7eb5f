import {
  SCORECARD_CRITERIA,
  SCORECARD_CRITERION_LABELS,
  type PartnerDetailDto,
  type PartnerScorecard,
  type PartnerVoiceDto,
  type Role,
} from '@crosslane/contracts';
import { Box, Card, CardContent, CardHeader, Slider, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Button, useDataProvider, usePermissions, useRecordContext } from 'react-admin';
import { useAction } from '../../common/use-action';
import type { CrosslaneDataProvider } from '../../dataProvider';
import { canWritePartners } from './PartnerList';
import { weightedScore } from '@crosslane/domain-rules';
import { EMPTY_SCORECARD, weightShares } from './scorecard';

/** The manager's judgement: a 0-5 score and a weight per criterion, the weighted total updating as the sliders move. */
export function ScorecardPanel() {
  const partner = useRecordContext<PartnerDetailDto>();
  const { permissions } = usePermissions<Role>();
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const { run, pending: saving } = useAction();
  const [card, setCard] = useState<PartnerScorecard>(partner?.scorecard ?? EMPTY_SCORECARD);
  useEffect(() => setCard(partner?.scorecard ?? EMPTY_SCORECARD), [partner?.scorecard]);
  // Two criteria are also measured from reviews and market signals (docs/voice-of-customer.md): shown beside the manager's score, never replacing it.
  const [measured, setMeasured] = useState<PartnerVoiceDto['measured'] | null>(null);
  useEffect(() => {
    if (!partner?.id) return;
    dataProvider
      .getPartnerVoice(partner.id)
      .then(({ data }) => setMeasured(data.measured))
      .catch(() => setMeasured(null));
  }, [dataProvider, partner?.id]);
  if (!partner) return null;
  const editable = canWritePartners(permissions) && partner.status !== 'ARCHIVED';
  const shares = weightShares(card);
  const set = (criterion: keyof PartnerScorecard, key: 'score' | 'weight', value: number) =>
    setCard((current) => ({ ...current, [criterion]: { ...current[criterion], [key]: value } }));

  const save = () => run(() => dataProvider.setPartnerScorecard(partner.id, card), { success: 'Scorecard saved', successType: 'success' });

  return (
    <Card variant="outlined" data-testid="scorecard">
      <CardHeader
        title="Scorecard"
        subheader={`Weighted total ${weightedScore(card).toFixed(2)} / 5${partner.scorecard ? '' : ' (not saved yet)'}`}
        action={editable ? <Button label="Save scorecard" onClick={save} disabled={saving} variant="contained" /> : null}
      />
      <CardContent>
        <Stack spacing={2}>
          {SCORECARD_CRITERIA.map((criterion) => (
            <Box key={criterion} sx={{ display: 'grid', gridTemplateColumns: '220px 1fr 1fr', gap: 3, alignItems: 'center' }}>
              <Box>
                <Typography variant="body2">{SCORECARD_CRITERION_LABELS[criterion]}</Typography>
                {measured && (criterion === 'uxConsistency' || criterion === 'marketComplementarity') && (
                  <Typography
                    variant="caption"
                    color="text.secondary"
                    title={measured[criterion].basis}
                    data-testid={`measured-${criterion}`}
                  >
                    Measured {measured[criterion].score === null ? '—' : measured[criterion].score?.toFixed(2)}
                  </Typography>
                )}
              </Box>
              <Box>
                <Typography variant="caption" color="text.secondary">
                  Score {card[criterion].score}
                </Typography>
                <Slider
                  size="small"
                  min={0}
                  max={5}
                  step={0.5}
                  marks
                  value={card[criterion].score}
                  disabled={!editable}
                  onChange={(_, v) => set(criterion, 'score', v as number)}
                  aria-label={`${criterion} score`}
                />
              </Box>
              <Box>
                <Typography variant="caption" color="text.secondary">
                  Weight {card[criterion].weight} ({shares[criterion]}%)
                </Typography>
                <Slider
                  size="small"
                  min={0}
                  max={10}
                  step={1}
                  value={card[criterion].weight}
                  disabled={!editable}
                  onChange={(_, v) => set(criterion, 'weight', v as number)}
                  aria-label={`${criterion} weight`}
                />
              </Box>
            </Box>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
