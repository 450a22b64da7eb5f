import { Box, Card, CardContent, Typography, type SxProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * The titled card the screens group a chart or a table in (with `action`
 * beside the title, `subtitle` under it), so the frame is written once.
 */
export function Panel({
  title,
  subtitle,
  action,
  variant,
  sx,
  contentSx,
  testId,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  action?: ReactNode;
  variant?: 'outlined';
  sx?: SxProps<Theme>;
  contentSx?: SxProps<Theme>;
  testId?: string;
  children?: ReactNode;
}) {
  const heading = (
    <Typography variant="h6" gutterBottom={subtitle !== undefined}>
      {title}
    </Typography>
  );
  return (
    <Card variant={variant} sx={sx} data-testid={testId}>
      <CardContent sx={contentSx}>
        {action ? (
          <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            {heading}
            {action}
          </Box>
        ) : (
          heading
        )}
        {subtitle !== undefined && (
          <Typography variant="body2" color="text.secondary" gutterBottom>
            {subtitle}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
}
