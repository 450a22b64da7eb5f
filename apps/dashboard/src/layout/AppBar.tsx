import type { Role } from '@crosslane/contracts';
import { Box, Chip, Typography } from '@mui/material';
import { AppBar, TitlePortal, usePermissions } from 'react-admin';
import { ROLE_LABELS } from '../common/role-colors';

function RoleBadge() {
  const { permissions } = usePermissions<Role | undefined>();
  if (!permissions) return null;
  return (
    <Chip
      data-testid="role-badge"
      label={ROLE_LABELS[permissions] ?? permissions}
      title={`Signed in as ${permissions}`}
      size="small"
      variant="outlined"
      sx={{ color: 'inherit', borderColor: 'currentColor', fontWeight: 600, letterSpacing: 0.3, mr: 1 }}
    />
  );
}

export function CrosslaneAppBar() {
  return (
    <AppBar color="primary">
      <Typography variant="h6" component="span" sx={{ fontWeight: 700, letterSpacing: 0.5, mr: 2 }}>
        Crosslane
      </Typography>
      <Box component="span" sx={{ opacity: 0.5, mr: 2, display: { xs: 'none', sm: 'inline' } }}>
        |
      </Box>
      <TitlePortal variant="subtitle1" />
      <RoleBadge />
    </AppBar>
  );
}
