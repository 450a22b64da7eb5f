import type { MarketSignalSeriesDto, PartnerDetailDto, PartnerVoiceDto, VoiceThemeDto } from '@crosslane/contracts';
import { MarketSignalChart, RatingDistributionChart, RatingsOverTimeChart } from '@crosslane/ui-charts';
import { Alert, Box, Card, CardContent, CardHeader, MenuItem, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useDataProvider, useGetList } from 'react-admin';
import type { CrosslaneDataProvider } from '../../dataProvider';
import { formatInterval, formatStars, trendSentence } from './voice-format';
import { ChoiceField } from '../../common/form-fields';

function Themes({ title, themes }: { title: string; themes: VoiceThemeDto[] }) {
  return (
    <Card variant="outlined" sx={{ flex: 1 }}>
      <CardHeader title={title} titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent data-testid={`themes-${title.startsWith('Low') ? 'low' : 'high'}`}>
        {themes.length === 0 && <Typography color="text.secondary">No theme stands out</Typography>}
        {themes.map((t) => (
          <Box key={t.term} sx={{ mb: 1.5 }}>
            <Typography variant="body1">
              <b>{t.term}</b>{' '}
              <Typography component="span" variant="body2" color="text.secondary">
                z = {t.z.toFixed(2)} · in {t.lowCount} low and {t.highCount} high reviews
              </Typography>
            </Typography>
            {t.examples.map((e) => (
              <Typography key={e.id} variant="body2" color="text.secondary" sx={{ pl: 2 }}>
                {formatStars(e.rating)} “{e.text}”
              </Typography>
            ))}
          </Box>
        ))}
      </CardContent>
    </Card>
  );
}

function PartnerVoice({ voice }: { voice: PartnerVoiceDto }) {
  const m = voice.measured;
  return (
    <Stack spacing={2}>
      {voice.sampleNote && (
        <Alert severity="warning" data-testid="small-sample">
          {voice.sampleNote}
        </Alert>
      )}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Card variant="outlined" sx={{ flex: 1 }}>
          <CardHeader title="Ratings" titleTypographyProps={{ variant: 'subtitle1' }} />
          <CardContent>
            <Typography variant="h5">{voice.mean.value === null ? '—' : voice.mean.value.toFixed(2)} ★</Typography>
            <Typography variant="body2" color="text.secondary">
              95% interval {formatInterval(voice.mean.lower, voice.mean.upper)} · {voice.reviews} reviews · {trendSentence(voice.trend)}
            </Typography>
            <RatingDistributionChart counts={voice.distribution} />
          </CardContent>
        </Card>
        <Card variant="outlined" sx={{ flex: 2 }}>
          <CardHeader title="Ratings over time" titleTypographyProps={{ variant: 'subtitle1' }} />
          <CardContent>
            <RatingsOverTimeChart points={voice.overTime} />
          </CardContent>
        </Card>
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Card variant="outlined" sx={{ flex: 1 }}>
          <CardHeader title="Items whose rating fell most (last 90 days against before)" titleTypographyProps={{ variant: 'subtitle1' }} />
          <CardContent data-testid="falling-items">
            {voice.fallingItems.length === 0 && <Typography color="text.secondary">No item with 3 reviews on each side fell</Typography>}
            {voice.fallingItems.map((f) => (
              <Typography key={f.itemId} variant="body2">
                <b>{f.title}</b> ({f.category}): {f.before.mean.toFixed(2)} → {f.after.mean.toFixed(2)} ★ ({f.before.n} → {f.after.n}{' '}
                reviews)
              </Typography>
            ))}
          </CardContent>
        </Card>
        <Card variant="outlined" sx={{ flex: 1 }}>
          <CardHeader title="Scorecard: measured beside the manager's score" titleTypographyProps={{ variant: 'subtitle1' }} />
          <CardContent data-testid="measured-scores">
            {(
              [
                ['User-experience consistency', m.uxConsistency, voice.managerScores.uxConsistency],
                ['Market complementarity', m.marketComplementarity, voice.managerScores.marketComplementarity],
              ] as const
            ).map(([label, measured, manager]) => (
              <Box key={label} sx={{ mb: 1 }}>
                <Typography variant="body1">
                  {label}: measured <b>{measured.score === null ? '—' : measured.score.toFixed(2)}</b>
                  {measured.lower !== null && ` (${formatInterval(measured.lower, measured.upper)})`} · manager{' '}
                  {manager === null ? '—' : manager}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {measured.basis}
                </Typography>
              </Box>
            ))}
          </CardContent>
        </Card>
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Themes title={`Low-rating themes (${voice.themes.lowReviews} reviews of 1-2 stars)`} themes={voice.themes.low} />
        <Themes title={`High-rating themes (${voice.themes.highReviews} reviews of 4-5 stars)`} themes={voice.themes.high} />
      </Stack>
    </Stack>
  );
}

function MarketSignals({ series }: { series: MarketSignalSeriesDto[] }) {
  const [category, setCategory] = useState(series[0]?.category ?? '');
  const current = series.find((s) => s.category === category) ?? series[0];
  if (!current) return <Typography color="text.secondary">No market signals imported</Typography>;
  return (
    <Card variant="outlined">
      <CardHeader title="Market signals beside the platform's interest" titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent>
        <MuiTextField
          select
          size="small"
          label="Category"
          value={current.category}
          onChange={(e) => setCategory(e.target.value)}
          sx={{ minWidth: 220, mb: 1 }}
        >
          {series.map((s) => (
            <MenuItem key={`${s.category}-${s.source}`} value={s.category}>
              {s.category}
            </MenuItem>
          ))}
        </MuiTextField>
        <Typography variant="body2" color="text.secondary">
          {current.topics.length
            ? `Platform interest: share of knowledge interactions on the topics ${current.topics.join(', ')} (interest taxonomy)`
            : 'No topic of the interest taxonomy lists this category: map it to see the platform’s interest'}
        </Typography>
        <MarketSignalChart points={current.points} />
      </CardContent>
    </Card>
  );
}

/** Voice of the customer: one partner's reviews, and market signals beside the platform's own interest. */
export function VoiceOfCustomer() {
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const { data: partners, isPending } = useGetList<PartnerDetailDto>('partners', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'name', order: 'ASC' },
  });
  const [partnerId, setPartnerId] = useState<string>('');
  const [voice, setVoice] = useState<PartnerVoiceDto | null>(null);
  const [signals, setSignals] = useState<MarketSignalSeriesDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!partnerId && partners?.length) setPartnerId(String(partners[0].id));
  }, [partners, partnerId]);
  useEffect(() => {
    if (!partnerId) return;
    setVoice(null);
    dataProvider
      .getPartnerVoice(partnerId)
      .then(({ data }) => setVoice(data))
      .catch((e: Error) => setError(e.message));
  }, [dataProvider, partnerId]);
  useEffect(() => {
    dataProvider
      .getMarketSignals()
      .then(({ data }) => setSignals(data))
      .catch((e: Error) => setError(e.message));
  }, [dataProvider]);

  if (isPending) return <Loading />;
  return (
    <Box sx={{ p: 2 }}>
      <Title title="Voice of the customer" />
      <Stack spacing={2}>
        <ChoiceField
          label="Partner"
          value={partnerId}
          onChange={setPartnerId}
          choices={(partners ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
          sx={{ maxWidth: 320 }}
        />
        {error && <Alert severity="error">{error}</Alert>}
        {voice ? <PartnerVoice voice={voice} /> : partnerId && <Loading />}
        {signals && <MarketSignals series={signals} />}
      </Stack>
    </Box>
  );
}
