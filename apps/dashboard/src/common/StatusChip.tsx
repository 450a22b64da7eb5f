import { Chip, type ChipProps } from '@mui/material';
import { useFieldValue, useRecordContext, type FieldProps } from 'react-admin';

export type ChipColor = NonNullable<ChipProps['color']>;

export interface StatusChipProps extends FieldProps {
  source: string;
  /** Colour per value; values not listed are drawn in the default colour. */
  colors?: Record<string, ChipColor>;
  /** Text per value; values not listed are shown as they are. */
  labels?: Record<string, string>;
}

/** A field that shows an enum value (status, role, domain) as a coloured chip. */
export function StatusChip({ source, colors = {}, labels = {}, ...rest }: StatusChipProps) {
  const record = useRecordContext();
  const value = useFieldValue({ source, record });
  if (value == null || value === '') return null;
  const key = String(value);
  return (
    <Chip
      size="small"
      label={labels[key] ?? key}
      color={colors[key] ?? 'default'}
      variant={colors[key] ? 'filled' : 'outlined'}
      className={rest.className}
    />
  );
}
