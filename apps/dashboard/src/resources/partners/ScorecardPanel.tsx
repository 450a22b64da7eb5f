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

/** One of a criterion's two sliders (score, weight) from 0, with its current value written above it. */
function CriterionSlider({
  caption,
  label,
  value,
  max,
  step,
  marks,
  disabled,
  onChange,
}: {
  caption: string;
  label: string;
  value: number;
  max: number;
  step: number;
  marks?: boolean;
  disabled: boolean;
  onChange: (value: number) => void;
}) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {caption}
      </Typography>
      <Slider
        size="small"
        min={0}
        max={max}
        step={step}
        marks={marks}
        value={value}
        disabled={disabled}
        onChange={(_, v) => onChange(v as number)}
        aria-label={label}
      />
    </Box>
  );
}

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
              <CriterionSlider
                caption={`Score ${card[criterion].score}`}
                label={`${criterion} score`}
                value={card[criterion].score}
                max={5}
                step={0.5}
                marks
                disabled={!editable}
                onChange={(v) => set(criterion, 'score', v)}
              />
              <CriterionSlider
                caption={`Weight ${card[criterion].weight} (${shares[criterion]}%)`}
                label={`${criterion} weight`}
                value={card[criterion].weight}
                max={10}
                step={1}
                disabled={!editable}
                onChange={(v) => set(criterion, 'weight', v)}
              />
            </Box>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
