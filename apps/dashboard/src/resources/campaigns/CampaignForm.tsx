import { CAMPAIGN_EVENT_TYPES, OFFER_TYPES, PRIMARY_METRICS } from '@crosslane/contracts';
import { Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  ArrayInput,
  AutocompleteArrayInput,
  AutocompleteInput,
  BooleanInput,
  DateTimeInput,
  NumberInput,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
} from 'react-admin';
import { weightSum } from './campaign-rules';

const metricChoices = PRIMARY_METRICS.map((m) => ({ id: m, name: m.replace(/_/g, ' ').toLowerCase() }));
const offerChoices = OFFER_TYPES.map((o) => ({ id: o, name: o.replace(/_/g, ' ').toLowerCase() }));
const choices = (values: readonly string[]) => values.map((v) => ({ id: v, name: v.replace(/_/g, ' ').toLowerCase() }));
const kindChoices = [
  { id: 'binary', name: 'binary (any event per member)' },
  { id: 'mean', name: 'count or mean per member' },
  { id: 'ratio', name: 'ratio of sums' },
];
const eventChoices = choices(CAMPAIGN_EVENT_TYPES);
const measureChoices = [
  { id: 'count', name: 'count of events' },
  { id: 'sum', name: 'sum of values' },
];

/** A named metric's choices after its name, in the order the form shows them. */
const METRIC_SELECTS: {
  source: string;
  label?: string;
  choices: { id: string; name: string }[];
  defaultValue?: string;
  required?: boolean;
}[] = [
  { source: 'kind', choices: kindChoices, required: true },
  { source: 'eventType', label: 'Event type', choices: eventChoices, required: true },
  { source: 'measure', label: 'Measure (mean, ratio)', choices: measureChoices },
  { source: 'denominatorEventType', label: 'Denominator event (ratio)', choices: eventChoices },
  { source: 'denominatorMeasure', label: 'Denominator measure (ratio)', choices: measureChoices },
  { source: 'direction', choices: choices(['increase', 'decrease']), defaultValue: 'increase', required: true },
  { source: 'role', choices: choices(['primary', 'secondary', 'guardrail']), defaultValue: 'primary', required: true },
  { source: 'hypothesis', choices: choices(['two-sided', 'one-sided']), defaultValue: 'two-sided' },
];

/** Named metrics: what each reads from the campaign's events; fixed at launch (the API refuses a change after DRAFT). */
function MetricPlanInput({ locked }: { locked: boolean }) {
  return (
    <ArrayInput source="metrics" label="Named metrics (empty: the built-in conversion, retention and revenue)">
      <SimpleFormIterator inline disableAdd={locked} disableRemove={locked} disableReordering={locked}>
        <TextInput source="name" validate={required()} helperText={false} disabled={locked} />
        {METRIC_SELECTS.map((f) => (
          <SelectInput
            key={f.source}
            source={f.source}
            label={f.label}
            choices={f.choices}
            defaultValue={f.defaultValue}
            validate={f.required ? required() : undefined}
            helperText={false}
            disabled={locked}
          />
        ))}
      </SimpleFormIterator>
    </ArrayInput>
  );
}

function WeightHint() {
  const variants = useWatch({ name: 'variants' }) as { weight?: number }[] | undefined;
  const sum = weightSum(variants);
  return (
    <Typography variant="body2" color={Math.abs(sum - 1) < 1e-6 ? 'text.secondary' : 'error'} data-testid="weight-sum">
      Weights sum to {sum} (they must sum to 1; exactly one arm is the control or holdout)
    </Typography>
  );
}

/** Create and edit share this form; `designLocked` greys out what a running campaign can no longer change, `metricsLocked` the metric plan (DRAFT only). */
export function CampaignForm({ designLocked = false, metricsLocked = false }: { designLocked?: boolean; metricsLocked?: boolean }) {
  return (
    <SimpleForm
      defaultValues={{
        primaryMetric: 'CONVERSION',
        guardrailMetrics: ['REVENUE_PER_MEMBER'],
        variants: [
          { key: 'control', name: 'Holdout', isControl: true, weight: 0.5, offerType: 'NONE' },
          { key: 'treatment', name: 'Treatment', isControl: false, weight: 0.5, offerType: 'NONE' },
        ],
      }}
      sx={{ maxWidth: 900 }}
    >
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="objective" validate={required()} multiline fullWidth />
      <ReferenceArrayInput source="partnerIds" reference="partners">
        <AutocompleteArrayInput optionText="name" label="Partners" disabled={designLocked} />
      </ReferenceArrayInput>
      <ReferenceInput source="targetSegmentId" reference="segments">
        <AutocompleteInput optionText="name" label="Target segment (empty: every member)" disabled={designLocked} />
      </ReferenceInput>
      <SelectInput source="primaryMetric" choices={metricChoices} validate={required()} disabled={designLocked} />
      <SelectArrayInput source="guardrailMetrics" choices={metricChoices} />
      <NumberInput source="minimumEffect" label="Smallest effect worth detecting (absolute: 0.01 = +1 pp)" step={0.001} />
      <DateTimeInput source="startAt" />
      <DateTimeInput source="endAt" />
      <ArrayInput source="variants" label="Variants">
        <SimpleFormIterator inline disableAdd={designLocked} disableRemove={designLocked}>
          <TextInput source="key" validate={required()} helperText={false} />
          <TextInput source="name" validate={required()} helperText={false} />
          <BooleanInput source="isControl" label="Control" helperText={false} />
          <NumberInput source="weight" step={0.01} validate={required()} helperText={false} />
          <SelectInput source="offerType" choices={offerChoices} helperText={false} />
          <TextInput source="offerItemId" label="Offer item id" helperText={false} />
          <TextInput source="modelId" label="Model id" helperText={false} />
        </SimpleFormIterator>
      </ArrayInput>
      <WeightHint />
      <MetricPlanInput locked={metricsLocked} />
    </SimpleForm>
  );
}
