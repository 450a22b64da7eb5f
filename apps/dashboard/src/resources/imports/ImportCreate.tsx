import { Alert, Box, Button, Card, CardContent, FormControl, InputLabel, MenuItem, Select, Stack, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Title, useGetList, useNotify, useRedirect } from 'react-admin';
import { useState } from 'react';
import type { ImportKindName } from '@crosslane/contracts';
import { importApi } from './import-api';
import { checkUpload, KIND_CHOICES, KIND_COLUMNS, MODE_CHOICES, needsPartner } from './import-kinds';
import { OnlineRetailButton } from './ImportList';

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
          <FormControl fullWidth>
            <InputLabel id="kind-label">What the file holds</InputLabel>
            <Select
              labelId="kind-label"
              label="What the file holds"
              value={kind}
              onChange={(e) => setKind(e.target.value as ImportKindName)}
              inputProps={{ 'aria-label': 'Kind' }}
            >
              {KIND_CHOICES.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <Typography variant="body2" color="text.secondary">
            Columns (CSV header, or keys of each object in a JSON array): {KIND_COLUMNS[kind]}
          </Typography>
          {needsPartner(kind) ? (
            <FormControl fullWidth error={error?.field === 'partnerId'}>
              <InputLabel id="partner-label">Partner</InputLabel>
              <Select
                labelId="partner-label"
                label="Partner"
                value={partnerId}
                onChange={(e) => setPartnerId(e.target.value)}
                inputProps={{ 'aria-label': 'Partner' }}
              >
                {partners.map((p) => (
                  <MenuItem key={p.id} value={p.id}>
                    {p.name}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
          ) : null}
          <FormControl fullWidth>
            <InputLabel id="mode-label">Mode</InputLabel>
            <Select
              labelId="mode-label"
              label="Mode"
              value={mode}
              onChange={(e) => setMode(e.target.value)}
              inputProps={{ 'aria-label': 'Mode' }}
            >
              {MODE_CHOICES.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl fullWidth>
            <InputLabel id="format-label">Format</InputLabel>
            <Select
              labelId="format-label"
              label="Format"
              value={format}
              onChange={(e) => setFormat(e.target.value)}
              displayEmpty
              inputProps={{ 'aria-label': 'Format' }}
            >
              <MenuItem value="">From the file name (.csv, .json)</MenuItem>
              <MenuItem value="csv">CSV</MenuItem>
              <MenuItem value="json">JSON (an array of objects)</MenuItem>
            </Select>
          </FormControl>
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
