import { Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { MemberProfileDetailDto } from '@crosslane/contracts';
import { Show, useRecordContext } from 'react-admin';

const money = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 2 });

/** Top categories of one domain, highest share first. */
export function topAffinities(
  affinity: MemberProfileDetailDto['categoryAffinity'],
  domain: 'KNOWLEDGE' | 'PARTNER',
  n = 5,
): [string, number][] {
  return Object.entries(affinity?.[domain] ?? {})
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n);
}

function Explorer() {
  const p = useRecordContext<MemberProfileDetailDto>();
  if (!p) return null;
  const tile = (label: string, value: string) => (
    <Card variant="outlined" sx={{ minWidth: 130 }}>
      <CardContent>
        <Typography variant="caption" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h6">{value}</Typography>
      </CardContent>
    </Card>
  );
  return (
    <Box sx={{ p: 2 }} data-testid="profile-explorer">
      <Typography variant="h5" gutterBottom>
        {p.memberKey}
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {p.city ?? 'city unknown'} · partner sharing {p.consentPartnerSharing ? 'consented' : 'not consented'} · computed{' '}
        {new Date(p.computedAt).toLocaleString()}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 2, flexWrap: 'wrap', rowGap: 1 }}>
        {tile('RFM', p.rScore === null ? 'not scored' : `${p.rScore} / ${p.fScore} / ${p.mScore}`)}
        {tile('Days since last', p.recencyDays === null ? '—' : String(p.recencyDays))}
        {tile('Purchase days', String(p.frequency))}
        {tile('Spend', money(p.monetary))}
        {tile('Knowledge spend', money(p.knowledgeSpend))}
        {tile('Partner spend', money(p.partnerSpend))}
        {tile('Car interest', `${Math.round(p.carInterest * 100)}%`)}
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        {(['KNOWLEDGE', 'PARTNER'] as const).map((domain) => (
          <Box key={domain} sx={{ flex: 1 }}>
            <Typography variant="subtitle1">{domain === 'KNOWLEDGE' ? 'Knowledge affinities' : 'Partner affinities'}</Typography>
            {topAffinities(p.categoryAffinity, domain).map(([category, share]) => (
              <Typography key={category} variant="body2">
                {category}: {(share * 100).toFixed(0)}%
              </Typography>
            ))}
          </Box>
        ))}
        <Box sx={{ flex: 1 }}>
          <Typography variant="subtitle1">Segments</Typography>
          {p.segments.length === 0 ? (
            <Typography variant="body2">none</Typography>
          ) : (
            p.segments.map((s) => <Chip key={s.id} label={s.name} size="small" sx={{ mr: 0.5, mb: 0.5 }} />)
          )}
          {p.latentFactors.length > 0 ? <Typography variant="body2">Latent factors: {p.latentFactors.length}</Typography> : null}
        </Box>
      </Stack>
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        Recent interactions
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Item</TableCell>
            <TableCell>Category</TableCell>
            <TableCell align="right">Amount</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {p.recentInteractions.map((i, index) => (
            <TableRow key={index}>
              <TableCell>{new Date(i.occurredAt).toLocaleString()}</TableCell>
              <TableCell>{i.type}</TableCell>
              <TableCell>{i.itemTitle}</TableCell>
              <TableCell>
                {i.category} ({i.domain === 'KNOWLEDGE' ? 'knowledge' : 'partner'})
              </TableCell>
              <TableCell align="right">{i.amount === null ? '—' : money(i.amount)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

export function ProfileShow() {
  return (
    <Show<MemberProfileDetailDto> title="Profile explorer">
      <Explorer />
    </Show>
  );
}
