import type { MemberHistoryDto, RecommendationDomain, RecommendationsDto } from '@crosslane/contracts';
import { Alert, Box, Button, Grid, MenuItem, TextField } from '@mui/material';
import { useMemo, useState } from 'react';
import { Title } from 'react-admin';
import { createRecommenderApi } from '../models/recommender-api';
import { Panel } from '../../common/Panel';
import { RowsTable } from '../../common/RowsTable';

const REASONS: Record<string, string> = {
  'no-consent': 'This member has not consented to personalisation: they get the non-personal list (most popular items).',
  'cold-start': 'The active model does not know this member yet: they get the most popular items they do not have.',
  'no-active-model': 'No model is active for this domain: everyone gets the most popular items.',
};

/** Pick a member by key and see their history beside their recommendations, each with the history items that explain it. */
export function MemberExplorer() {
  const api = useMemo(() => createRecommenderApi(), []);
  const [memberKey, setMemberKey] = useState('');
  const [domain, setDomain] = useState<RecommendationDomain>('ALL');
  const [history, setHistory] = useState<MemberHistoryDto | null>(null);
  const [recs, setRecs] = useState<RecommendationsDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const look = async () => {
    setError(null);
    try {
      const key = memberKey.trim();
      const [h, r] = await Promise.all([api.history(key), api.recommendations(key, domain)]);
      setHistory(h);
      setRecs(r);
    } catch (e) {
      setHistory(null);
      setRecs(null);
      setError((e as Error).message || 'Could not load this member');
    }
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="Member explorer" />
      <Box
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          void look();
        }}
        sx={{ display: 'flex', gap: 2, mb: 2 }}
      >
        <TextField
          label="Member key"
          value={memberKey}
          onChange={(e) => setMemberKey(e.target.value)}
          size="small"
          inputProps={{ 'data-testid': 'explorer-member-key' }}
        />
        <TextField
          select
          label="Domain"
          value={domain}
          onChange={(e) => setDomain(e.target.value as RecommendationDomain)}
          size="small"
          sx={{ minWidth: 160 }}
        >
          {['ALL', 'KNOWLEDGE', 'PARTNER'].map((d) => (
            <MenuItem key={d} value={d}>
              {d}
            </MenuItem>
          ))}
        </TextField>
        <Button type="submit" variant="contained" disabled={!memberKey.trim()} data-testid="explorer-show">
          Show
        </Button>
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {recs && !recs.personalised && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="explorer-fallback">
          {REASONS[recs.reason ?? ''] ?? 'Not personalised.'}
        </Alert>
      )}
      {history && recs && (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 5 }}>
            <Panel title={`History (${history.items.length} items)`}>
              <RowsTable
                testId="explorer-history"
                rows={history.items}
                rowKey={(i) => i.itemId}
                columns={[
                  { header: 'Item', cell: (i) => i.title },
                  { header: 'Domain', cell: (i) => i.domain },
                  { header: 'Interactions', cell: (i) => i.interactions, align: 'right' },
                  { header: 'Last', cell: (i) => i.lastAt.slice(0, 10) },
                ]}
              />
            </Panel>
          </Grid>
          <Grid size={{ xs: 12, md: 7 }}>
            <Panel title={`Recommendations ${recs.modelVersion ? `(model v${recs.modelVersion})` : '(not personalised)'}`}>
              <RowsTable
                testId="explorer-recommendations"
                rows={recs.items}
                rowKey={(i) => i.itemId}
                columns={[
                  { header: 'Item', cell: (i) => i.title },
                  { header: 'Domain', cell: (i) => i.domain },
                  { header: 'Score', cell: (i) => i.score.toFixed(3), align: 'right' },
                  {
                    header: 'Because they have',
                    cell: (i) => (i.because ?? []).map((b) => `${b.title} (${b.contribution.toFixed(2)})`).join('; ') || '—',
                  },
                ]}
              />
            </Panel>
          </Grid>
        </Grid>
      )}
    </Box>
  );
}
