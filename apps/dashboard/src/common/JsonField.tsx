import { Box, Typography } from '@mui/material';
import { useFieldValue, useRecordContext, type FieldProps } from 'react-admin';

export interface JsonFieldProps extends FieldProps {
  source: string;
  emptyText?: string;
}

/** Pretty-printed JSON for payloads, results and audit details. */
export function JsonField({ source, emptyText = '—' }: JsonFieldProps) {
  const record = useRecordContext();
  const value = useFieldValue({ source, record });
  if (value === null || value === undefined) {
    return (
      <Typography variant="body2" color="text.secondary">
        {emptyText}
      </Typography>
    );
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <Box
      component="pre"
      sx={{
        m: 0,
        p: 1.5,
        maxHeight: 360,
        overflow: 'auto',
        borderRadius: 1,
        bgcolor: 'action.hover',
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        fontSize: 12.5,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
      }}
    >
      {text}
    </Box>
  );
}
