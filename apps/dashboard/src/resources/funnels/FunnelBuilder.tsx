import { useState } from 'react';
import { BreakdownFields, ChoiceField, DayField, useBreakdown, type Choice } from '../../common/form-fields';
import { Alert, Box, Button, Stack, TextField, Typography, type SxProps, type Theme } from '@mui/material';
import type { FunnelGroupDto, FunnelResultDto, JobRunDto, SavedFunnelDto } from '@crosslane/contracts';
import { FunnelChart } from '@crosslane/ui-charts';
import { useDataProvider, useGetList, useNotify, useRedirect } from 'react-admin';
import { Panel } from '../../common/Panel';
import { RowsTable, type Column } from '../../common/RowsTable';
import type { CrosslaneDataProvider } from '../../dataProvider';
import { breakdownOf, dropOffSentence, EMPTY_STEP, formatDuration, percent, toDefinition, toDrafts, type StepDraft } from './funnel-form';

const TYPE_CHOICES: Choice[] = ['VIEW', 'FAVOURITE', 'ENROL', 'PURCHASE', 'RATING', 'CAMPAIGN_CLICK'].map((t) => ({ value: t, label: t }));
const DOMAIN_CHOICES: Choice[] = [
  { value: '', label: 'Any' },
  { value: 'KNOWLEDGE', label: 'Knowledge' },
  { value: 'PARTNER', label: 'Partner' },
];
const ORDER_CHOICES: Choice[] = [
  { value: 'strict', label: 'Strict' },
  { value: 'any', label: 'Any order' },
];
const BREAKDOWNS: Choice[] = [
  { value: '', label: 'None' },
  { value: 'segment', label: 'Segment' },
  { value: 'campaignArm', label: 'Campaign arm' },
  { value: 'partner', label: 'Partner (of the entry item)' },
  { value: 'domain', label: 'Domain (of the entry item)' },
  { value: 'joinCohort', label: 'Join month' },
];
/** The fields of a step's row, in order: a select where there are choices (the partners come from the API), free text otherwise. */
const STEP_FIELDS: { key: keyof StepDraft; label: string; choices?: Choice[] | 'partners'; sx?: SxProps<Theme>; testId?: boolean }[] = [
  { key: 'type', label: 'Action', choices: TYPE_CHOICES, sx: { minWidth: 150 }, testId: true },
  { key: 'domain', label: 'Domain', choices: DOMAIN_CHOICES, sx: { minWidth: 130 }, testId: true },
  { key: 'category', label: 'Category (comma: any of)', testId: true },
  { key: 'kind', label: 'Kind', sx: { width: 110 }, testId: true },
  { key: 'partnerId', label: 'Partner', choices: 'partners', sx: { minWidth: 140 } },
  { key: 'itemId', label: 'Item id', sx: { width: 100 } },
];
const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Build a funnel, run it (live, or as a job when the API says it is large),
 * break it down, compare two ranges, save it, and turn a drop-off into a
 * segment. Used for a new funnel and for a saved one.
 */
export function FunnelBuilder({ saved }: { saved?: SavedFunnelDto }) {
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const notify = useNotify();
  const redirect = useRedirect();
  const today = Date.now();
  const [steps, setSteps] = useState<StepDraft[]>(
    saved ? toDrafts(saved.definition) : [{ ...EMPTY_STEP }, { ...EMPTY_STEP, type: 'PURCHASE' }],
  );
  const [windowDays, setWindowDays] = useState(saved?.definition.windowDays ?? 14);
  const [order, setOrder] = useState<'strict' | 'any'>(saved?.definition.order ?? 'strict');
  const [from, setFrom] = useState(saved?.view?.range?.from ?? isoDay(today - 180 * DAY));
  const [to, setTo] = useState(saved?.view?.range?.to ?? isoDay(today));
  const [compare, setCompare] = useState({ from: '', to: '' });
  const split = useBreakdown(saved?.view?.breakdown);
  const [name, setName] = useState(saved?.name ?? '');
  const [result, setResult] = useState<FunnelResultDto | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [segmentName, setSegmentName] = useState('');
  const partners = useGetList('partners', { pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } });
  const partnerChoices = [{ value: '', label: 'Any' }, ...(partners.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))];

  const definition = () => toDefinition(steps, windowDays, order);
  const breakdown = () => breakdownOf(split.by, split.segmentIds, split.campaignId);
  const setStep = (i: number, patch: Partial<StepDraft>) => setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  const run = async () => {
    setError(null);
    setResult(null);
    setRunning('Running…');
    try {
      const { data } = await dataProvider.runFunnel({
        definition: definition(),
        range: { from, to },
        ...(compare.from && compare.to ? { compareRange: compare } : {}),
        ...(breakdown() ? { breakdown: breakdown() } : {}),
      });
      if (data.mode === 'live') setResult(data.result);
      else setResult(await waitForJob(dataProvider, data.jobId, setRunning));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setRunning(null);
    }
  };

  const save = async () => {
    const data = { name, definition: definition(), view: { range: { from, to }, ...(breakdown() ? { breakdown: breakdown() } : {}) } };
    try {
      if (saved) await dataProvider.update('funnels', { id: saved.id, data, previousData: saved });
      else {
        const created = await dataProvider.create('funnels', { data });
        redirect('edit', 'funnels', created.data.id);
      }
      notify(`Funnel "${name}" saved`, { type: 'success' });
    } catch (e) {
      notify(messageOf(e), { type: 'error' });
    }
  };

  const makeSegment = async (step: number) => {
    try {
      const { data } = await dataProvider.createDropOffSegment({ definition: definition(), step, name: segmentName });
      notify(`Segment "${data.name}" created`, { type: 'success' });
      redirect('show', 'segments', data.id);
    } catch (e) {
      notify(messageOf(e), { type: 'error' });
    }
  };

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Panel title="Steps">
        {steps.map((step, i) => (
          <Stack key={i} direction="row" spacing={1} sx={{ mt: 1 }} data-testid={`funnel-step-${i}`} alignItems="center">
            <Typography sx={{ width: 24 }}>{i + 1}.</Typography>
            {STEP_FIELDS.map((f) => {
              const testId = f.testId ? `step-${i}-${f.key}` : undefined;
              const onChange = (value: string) => setStep(i, { [f.key]: value });
              const choices = f.choices === 'partners' ? partnerChoices : f.choices;
              return choices ? (
                <ChoiceField
                  key={f.key}
                  label={f.label}
                  value={step[f.key]}
                  onChange={onChange}
                  choices={choices}
                  testId={testId}
                  sx={f.sx}
                />
              ) : (
                <TextField
                  key={f.key}
                  size="small"
                  label={f.label}
                  value={step[f.key]}
                  onChange={(e) => onChange(e.target.value)}
                  inputProps={testId ? { 'data-testid': testId } : undefined}
                  sx={f.sx}
                />
              );
            })}
            <Button size="small" onClick={() => setSteps(steps.filter((_, j) => j !== i))} disabled={steps.length <= 1}>
              Remove
            </Button>
          </Stack>
        ))}
        <Button sx={{ mt: 1 }} onClick={() => setSteps([...steps, { ...EMPTY_STEP }])} data-testid="add-step">
          Add step
        </Button>
        <Stack direction="row" spacing={2} sx={{ mt: 2 }} alignItems="center" flexWrap="wrap" useFlexGap>
          <TextField
            size="small"
            type="number"
            label="Window (days)"
            value={windowDays}
            onChange={(e) => setWindowDays(Number(e.target.value))}
            inputProps={{ 'data-testid': 'window-days' }}
            sx={{ width: 130 }}
          />
          <ChoiceField
            label="Order"
            value={order}
            onChange={(value) => setOrder(value as 'strict' | 'any')}
            choices={ORDER_CHOICES}
            sx={{ width: 130 }}
          />
          <DayField label="From" value={from} onChange={setFrom} />
          <DayField label="To" value={to} onChange={setTo} />
          <DayField label="Compare from" value={compare.from} onChange={(day) => setCompare({ ...compare, from: day })} />
          <DayField label="Compare to" value={compare.to} onChange={(day) => setCompare({ ...compare, to: day })} />
        </Stack>
        <Stack direction="row" spacing={2} sx={{ mt: 2 }} alignItems="center">
          <BreakdownFields
            breakdown={split}
            kinds={BREAKDOWNS}
            widths={[200, 260]}
            testIds={{ by: 'breakdown-by', segments: 'breakdown-segments' }}
          />
          <Button variant="contained" onClick={run} disabled={running !== null} data-testid="run-funnel">
            Run
          </Button>
          {running && <Typography data-testid="funnel-running">{running}</Typography>}
        </Stack>
        <Stack direction="row" spacing={2} sx={{ mt: 2 }} alignItems="center">
          <TextField
            size="small"
            label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            inputProps={{ 'data-testid': 'funnel-name' }}
            sx={{ minWidth: 300 }}
          />
          <Button variant="outlined" onClick={save} disabled={name.trim().length < 2} data-testid="save-funnel">
            Save funnel
          </Button>
        </Stack>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="funnel-error">
            {error}
          </Alert>
        )}
      </Panel>
      {result && (
        <>
          {result.groups.map((g) => (
            <GroupCard key={g.key} group={g} onSegment={makeSegment} segmentName={segmentName} setSegmentName={setSegmentName} />
          ))}
          {result.compare && (
            <>
              <Typography variant="h6">
                Compared with {result.compare.range.from.slice(0, 10)} to {result.compare.range.to.slice(0, 10)}
              </Typography>
              {result.compare.groups.map((g) => (
                <GroupCard key={`compare-${g.key}`} group={g} />
              ))}
            </>
          )}
        </>
      )}
    </Stack>
  );
}

function GroupCard({
  group,
  onSegment,
  segmentName,
  setSegmentName,
}: {
  group: FunnelGroupDto;
  onSegment?: (step: number) => void;
  segmentName?: string;
  setSegmentName?: (name: string) => void;
}) {
  const drop = group.biggestDropOff;
  return (
    <Panel testId={`funnel-group-${group.key}`} title={`${group.label}: ${group.entered} entered`}>
      <FunnelChart steps={group.steps} highlight={drop?.index ?? null} testId={`funnel-chart-${group.key}`} />
      <Typography data-testid="drop-off-sentence" sx={{ mt: 1 }}>
        {dropOffSentence(group)}
      </Typography>
      <RowsTable rows={group.steps} rowKey={(s) => s.index} columns={STEP_COLUMNS} />
      {onSegment && drop && setSegmentName && (
        <Box sx={{ mt: 2, display: 'flex', gap: 2, alignItems: 'center' }}>
          <TextField
            size="small"
            label="Segment name"
            value={segmentName}
            onChange={(e) => setSegmentName(e.target.value)}
            inputProps={{ 'data-testid': `segment-name-${group.key}` }}
            sx={{ minWidth: 300 }}
          />
          <Button
            variant="outlined"
            disabled={(segmentName ?? '').trim().length < 2}
            onClick={() => onSegment(drop.index)}
            data-testid={`make-segment-${group.key}`}
          >
            Make segment from this drop-off
          </Button>
        </Box>
      )}
    </Panel>
  );
}

const STEP_COLUMNS: Column<FunnelGroupDto['steps'][number]>[] = [
  { header: 'Step', cell: (s) => `${s.index + 1}. ${s.label}` },
  { header: 'Reached', cell: (s) => s.reached, align: 'right' },
  {
    header: 'From previous (95% CI)',
    cell: (s) => (s.index === 0 ? '' : `${percent(s.fromPrevious.rate)} (${percent(s.fromPrevious.low)}–${percent(s.fromPrevious.high)})`),
    align: 'right',
  },
  { header: 'Overall', cell: (s) => percent(s.overall.rate), align: 'right' },
  { header: 'Median time', cell: (s) => formatDuration(s.medianSeconds), align: 'right' },
  { header: '90th pct time', cell: (s) => formatDuration(s.p90Seconds), align: 'right' },
];

/** Polls the job until it ends; its result is the funnel. */
async function waitForJob(dataProvider: CrosslaneDataProvider, id: string, progress: (text: string) => void): Promise<FunnelResultDto> {
  for (;;) {
    const { data } = await dataProvider.getOne<JobRunDto>('jobs', { id });
    if (data.status === 'COMPLETED') return data.result as FunnelResultDto;
    if (data.status === 'FAILED' || data.status === 'CANCELLED')
      throw new Error(data.error ?? `The funnel job ${data.status.toLowerCase()}`);
    progress(`Large funnel: computing as a job (${Math.round(data.progress)}%)…`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function messageOf(e: unknown): string {
  const body = (e as { body?: { message?: string } })?.body;
  return body?.message ?? (e instanceof Error ? e.message : String(e));
}
