import type { OverviewDto } from '@crosslane/contracts';
import HandshakeIcon from '@mui/icons-material/Handshake';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import PeopleIcon from '@mui/icons-material/People';
import TouchAppIcon from '@mui/icons-material/TouchApp';
import BuildIcon from '@mui/icons-material/Build';
import { Box, Card, CardContent, Skeleton, Typography } from '@mui/material';
import type { ComponentType } from 'react';

interface Tile {
  key: keyof Pick<OverviewDto, 'members' | 'partners' | 'knowledgeItems' | 'partnerItems' | 'interactions'>;
  label: string;
  icon: ComponentType<{ fontSize?: 'small' | 'medium' | 'large'; color?: 'primary' | 'secondary' }>;
  color: 'primary' | 'secondary';
}

const TILES: Tile[] = [
  { key: 'members', label: 'Members', icon: PeopleIcon, color: 'primary' },
  { key: 'partners', label: 'Partners', icon: HandshakeIcon, color: 'secondary' },
  { key: 'knowledgeItems', label: 'Knowledge items', icon: MenuBookIcon, color: 'primary' },
  { key: 'partnerItems', label: 'Partner items', icon: BuildIcon, color: 'secondary' },
  { key: 'interactions', label: 'Interactions', icon: TouchAppIcon, color: 'primary' },
];

const number = new Intl.NumberFormat('en-GB');

export function OverviewTiles({ overview }: { overview?: OverviewDto }) {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(5, 1fr)' },
      }}
    >
      {TILES.map(({ key, label, icon: Icon, color }) => (
        <Card key={key} data-testid={`overview-${key}`}>
          <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 1.5, '&:last-child': { pb: 2 } }}>
            <Icon fontSize="large" color={color} />
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="body2" color="text.secondary" noWrap>
                {label}
              </Typography>
              <Typography variant="h5" component="div" sx={{ fontWeight: 600 }} data-testid={`overview-${key}-value`}>
                {overview ? number.format(overview[key]) : <Skeleton width={64} />}
              </Typography>
            </Box>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}
