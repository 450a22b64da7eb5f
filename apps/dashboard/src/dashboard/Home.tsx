import { InteractionsByDomainChart } from '@crosslane/ui-charts';
import { Alert, Box, Card, CardContent, Skeleton, Typography } from '@mui/material';
import { Title } from 'react-admin';
import { dateRangeLabel } from './date-range';
import { OverviewTiles } from './OverviewTiles';
import { useHomeData } from './use-home-data';

export const CHART_DAYS = 180;

export function Home() {
  const { overview, points, error, loading } = useHomeData(CHART_DAYS);
  const range = points ? dateRangeLabel(points) : null;

  return (
    <Box sx={{ py: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Title title="Home" />
      {error ? <Alert severity="error">{error}</Alert> : null}
      <OverviewTiles overview={overview} />
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2" data-testid="interactions-heading">
            Interactions per day{range ? `, ${range}` : ''}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            Knowledge and partner catalogue; shaded: daily count, line: 7-day moving average.
          </Typography>
          {points ? (
            <InteractionsByDomainChart points={points} window={7} height={320} />
          ) : loading ? (
            <Skeleton variant="rounded" height={320} />
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
}
