import { MenuItem, TextField, type SxProps, type Theme } from '@mui/material';
import { useState } from 'react';
import { useGetList } from 'react-admin';

/** A date (YYYY-MM-DD) as a small field whose label stays above it (shrink): the browser draws its own "dd/mm/yyyy" hint in an empty date input, which an unshrunk label would overlap. */
export function DayField({ label, value, onChange }: { label: string; value: string; onChange: (day: string) => void }) {
  return (
    <TextField
      size="small"
      type="date"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      InputLabelProps={{ shrink: true }}
    />
  );
}

export interface Choice {
  value: string;
  label: string;
}

type ChoiceFieldProps = {
  label: string;
  choices: readonly Choice[];
  sx?: SxProps<Theme>;
  /** data-testid of the input, for the browser tests. */
  testId?: string;
} & (
  | { multiple?: false; value: string; onChange: (value: string) => void }
  | { multiple: true; value: string[]; onChange: (value: string[]) => void }
);

/** A small select over named choices (one, or several with `multiple`). */
export function ChoiceField(props: ChoiceFieldProps) {
  const { label, choices, sx, testId } = props;
  return (
    <TextField
      select
      size="small"
      label={label}
      value={props.value}
      onChange={(e) => {
        if (props.multiple) props.onChange(e.target.value as unknown as string[]);
        else props.onChange(e.target.value);
      }}
      SelectProps={props.multiple ? { multiple: true } : undefined}
      inputProps={testId ? { 'data-testid': testId } : undefined}
      sx={sx}
    >
      {choices.map((c) => (
        <MenuItem key={c.value} value={c.value}>
          {c.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The segments (by name) and campaigns (newest first) a funnel or retention breakdown can be by. */
export function useBreakdownChoices(): { segments: Choice[]; campaigns: Choice[] } {
  const segments = useGetList('segments', { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } });
  const campaigns = useGetList('campaigns', { pagination: { page: 1, perPage: 100 }, sort: { field: 'createdAt', order: 'DESC' } });
  const named = (rows: { id: string | number; name?: string }[] | undefined) =>
    (rows ?? []).map((r) => ({ value: String(r.id), label: String(r.name ?? r.id) }));
  return { segments: named(segments.data), campaigns: named(campaigns.data) };
}

/**
 * What a breakdown is by, once its kind is chosen: the segments to compare
 * (several) when it is by segment, the campaign whose arms to compare when
 * it is by campaign arm, nothing otherwise.
 */
export function BreakdownTargetField({
  by,
  choices,
  segmentIds,
  onSegmentIds,
  campaignId,
  onCampaignId,
  minWidth,
  segmentsTestId,
}: {
  by: string;
  choices: { segments: Choice[]; campaigns: Choice[] };
  segmentIds: string[];
  onSegmentIds: (ids: string[]) => void;
  campaignId: string;
  onCampaignId: (id: string) => void;
  minWidth: number;
  segmentsTestId?: string;
}) {
  if (by === 'segment') {
    return (
      <ChoiceField
        multiple
        label="Segments"
        value={segmentIds}
        onChange={onSegmentIds}
        choices={choices.segments}
        testId={segmentsTestId}
        sx={{ minWidth }}
      />
    );
  }
  if (by === 'campaignArm') {
    return <ChoiceField label="Campaign" value={campaignId} onChange={onCampaignId} choices={choices.campaigns} sx={{ minWidth }} />;
  }
  return null;
}

/** The breakdown a funnel or a retention run is split by, as its form holds it (`initial`: a saved funnel's). */
export function useBreakdown(initial?: { by?: string; segmentIds?: string[]; campaignId?: string }) {
  const [by, setBy] = useState(initial?.by ?? '');
  const [segmentIds, setSegmentIds] = useState<string[]>(initial?.segmentIds ?? []);
  const [campaignId, setCampaignId] = useState(initial?.campaignId ?? '');
  const choices = useBreakdownChoices();
  return { by, setBy, segmentIds, setSegmentIds, campaignId, setCampaignId, choices };
}

export type BreakdownState = ReturnType<typeof useBreakdown>;

/** "Break down by" (one of `kinds`), then the segments or the campaign it needs. */
export function BreakdownFields({
  breakdown: b,
  kinds,
  widths: [byWidth, targetWidth],
  testIds = {},
}: {
  breakdown: BreakdownState;
  kinds: readonly Choice[];
  widths: [number, number];
  testIds?: { by?: string; segments?: string };
}) {
  return (
    <>
      <ChoiceField label="Break down by" value={b.by} onChange={b.setBy} choices={kinds} testId={testIds.by} sx={{ minWidth: byWidth }} />
      <BreakdownTargetField
        by={b.by}
        choices={b.choices}
        segmentIds={b.segmentIds}
        onSegmentIds={b.setSegmentIds}
        campaignId={b.campaignId}
        onCampaignId={b.setCampaignId}
        minWidth={targetWidth}
        segmentsTestId={testIds.segments}
      />
    </>
  );
}
