import { Alert, Box, Button, Card, CardContent, FormControl, InputLabel, MenuItem, Select, Stack, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Title, useGetList, useNotify, useRedirect } from 'react-admin';
import { useState } from 'react';
import type { ImportKindName } from '@crosslane/contracts';
import { importApi } from './import-api';
import { checkUpload, KIND_CHOICES, KIND_COLUMNS, MODE_CHOICES, needsPartner } from './import-kinds';
import { OnlineRetailButton } from './ImportList';

const FORMAT_CHOICES = [
  { id: '', name: 'From the file name (.csv, .json)' },
  { id: 'csv', name: 'CSV' },
  { id: 'json', name: 'JSON (an array of objects)' },
];

/** One of the upload's choices: a full-width select under its floating label, `name` being its accessible name. */
function LabelledSelect({
  id,
  label,
  name,
  value,
  onChange,
  choices,
  error,
  displayEmpty,
}: {
  id: string;
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  choices: readonly { id: string; name: string }[];
  error?: boolean;
  displayEmpty?: boolean;
}) {
  return (
    <FormControl fullWidth error={error}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        displayEmpty={displayEmpty}
        inputProps={{ 'aria-label': name }}
      >
        {choices.map((c) => (
          <MenuItem key={c.id} value={c.id}>
            {c.name}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** The upload form: what the file holds, whose it is, how strict to be, and the file. */
export function ImportCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  const [kind, setKind] = useState<ImportKindName>('interactions');
  const [mode, setMode] = useState('all-or-nothing');
  const [format, setFormat] = useState('');
  const [partnerId, setPartnerId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: partners = [] } = useGetList(
    'partners',
    { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: needsPartner(kind) },
  );

  const submit = async () => {
    const problem = checkUpload({ kind, partnerId, file });
    setError(problem);
    if (problem || !file) return;
    setBusy(true);
    try {
      const job = await importApi.upload({
        kind,
        mode,
        format: format || undefined,
        partnerId: needsPartner(kind) ? partnerId : undefined,
        file,
      });
      notify(`Import of ${file.name} queued`, { type: 'info' });
      redirect('show', 'imports', job.id);
    } catch (e) {
      const body = (e as { body?: { fields?: { field: string; message: string }[] } }).body;
      setError(body?.fields?.[0] ?? { field: 'file', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 760 }}>
      <Title title="Upload a file to import" />
      <CardContent>
        <Stack spacing={2}>
          <LabelledSelect
            id="kind"
            label="What the file holds"
            name="Kind"
            value={kind}
            onChange={(value) => setKind(value as ImportKindName)}
            choices={KIND_CHOICES}
          />
          <Typography variant="body2" color="text.secondary">
            Columns (CSV header, or keys of each object in a JSON array): {KIND_COLUMNS[kind]}
          </Typography>
          {needsPartner(kind) ? (
            <LabelledSelect
              id="partner"
              label="Partner"
              name="Partner"
              value={partnerId}
              onChange={setPartnerId}
              choices={partners.map((p) => ({ id: String(p.id), name: p.name }))}
              error={error?.field === 'partnerId'}
            />
          ) : null}
          <LabelledSelect id="mode" label="Mode" name="Mode" value={mode} onChange={setMode} choices={MODE_CHOICES} />
          <LabelledSelect
            id="format"
            label="Format"
            name="Format"
            value={format}
            onChange={setFormat}
            choices={FORMAT_CHOICES}
            displayEmpty
          />
          <Box>
            <Button variant="outlined" component="label" startIcon={<UploadFileIcon />}>
              {file ? `${file.name} (${(file.size / 1024 / 1024).toFixed(1)} MB)` : 'Choose a file'}
              <input
                hidden
                type="file"
                accept=".csv,.json,.gz,text/csv,application/json"
                aria-label="File"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </Button>
          </Box>
          {error ? <Alert severity="error">{error.message}</Alert> : null}
          <Stack direction="row" spacing={2}>
            <Button variant="contained" onClick={submit} disabled={busy}>
              Import
            </Button>
            <OnlineRetailButton />
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}
