import type { FinishedTestPreviewDto, FinishedTestUploadDto } from '@crosslane/contracts';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Button, useNotify, useRedirect } from 'react-admin';
import { campaignApi } from './campaign-api';
import { buildMapping, distinctValues, initialForm, type MappingForm, type MetricChoice } from './finished-test-form';

const select = (label: string, value: string, options: string[], onChange: (v: string) => void, empty?: string) => (
  <TextField select size="small" label={label} value={value} onChange={(e) => onChange(e.target.value)} sx={{ minWidth: 170 }}>
    {empty !== undefined && <MenuItem value="">{empty}</MenuItem>}
    {options.map((o) => (
      <MenuItem key={o} value={o}>
        {o}
      </MenuItem>
    ))}
  </TextField>
);

/** A free-text mapping field beside the selects; `minWidth` for the long labels. */
const text = (label: string, value: string, onChange: (v: string) => void, minWidth?: number) => (
  <TextField size="small" label={label} value={value} onChange={(e) => onChange(e.target.value)} sx={minWidth ? { minWidth } : undefined} />
);

/**
 * Import a finished A/B test: upload the file, choose which column is
 * which (unit id, arm, control, metrics with kind, role, direction and
 * hypothesis) while looking at its first rows, preview the counts the
 * mapping produces (units per arm, rows refused per reason), then import.
 */
export function ImportFinishedTestButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button label="Import finished test" onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      {open && <ImportFinishedTestDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ImportFinishedTestDialog({ onClose }: { onClose: () => void }) {
  const notify = useNotify();
  const redirect = useRedirect();
  const [upload, setUpload] = useState<FinishedTestUploadDto | null>(null);
  const [form, setForm] = useState<MappingForm | null>(null);
  const [preview, setPreview] = useState<FinishedTestPreviewDto | null>(null);
  const [name, setName] = useState('');
  const [keepGoodRows, setKeepGoodRows] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const change = (patch: Partial<MappingForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setPreview(null);
  };
  const changeMetric = (column: string, patch: Partial<MetricChoice>) => {
    setForm((f) => (f ? { ...f, metrics: { ...f.metrics, [column]: { ...f.metrics[column], ...patch } } } : f));
    setPreview(null);
  };
  const choose = (file: File) =>
    act(async () => {
      const uploaded = await campaignApi.uploadFinishedTest(file);
      setUpload(uploaded);
      setForm(initialForm(uploaded.header, uploaded.firstRows));
      setName(file.name.replace(/\.(csv|json)$/i, ''));
    });
  const runPreview = () => act(async () => setPreview(await campaignApi.previewFinishedTest(upload!.uploadId, buildMapping(form!))));
  const runImport = () =>
    act(async () => {
      const job = await campaignApi.importFinishedTest({
        uploadId: upload!.uploadId,
        mapping: buildMapping(form!),
        name,
        mode: keepGoodRows ? 'keep-good-rows' : 'all-or-nothing',
      });
      notify('Import queued', { type: 'info' });
      redirect('show', 'jobs', job.id);
    });

  const header = upload?.header ?? [];
  const armChoices = form
    ? form.armValues
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth>
      <DialogTitle>Import a finished test</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 1 }}>
          One row per unit (CSV with a header, or a JSON array of objects): the unit id, its arm and any number of metric columns. The units
          stay your own ids; they never become members.
        </Typography>
        {!upload && (
          <Button label="Choose file" component="label" disabled={busy}>
            <>
              <UploadFileIcon />
              <input
                hidden
                type="file"
                accept=".csv,.json,text/csv,application/json"
                onChange={(e) => e.target.files?.[0] && choose(e.target.files[0])}
              />
            </>
          </Button>
        )}
        {upload && form && (
          <>
            <Typography variant="subtitle2" sx={{ mt: 1 }}>
              First rows
            </Typography>
            <Box sx={{ overflowX: 'auto', maxHeight: 220, mb: 2 }}>
              <Table size="small" aria-label="First rows of the file">
                <TableHead>
                  <TableRow>
                    {header.map((h) => (
                      <TableCell key={h}>{h}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {upload.firstRows.map((r, i) => (
                    <TableRow key={i}>
                      {header.map((h) => (
                        <TableCell key={h}>{r[h]}</TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
              {select('Unit id column', form.unitColumn, header, (v) => change({ unitColumn: v }), 'none: one unit per row')}
              {select('Arm column', form.armColumn, header, (v) =>
                change({
                  armColumn: v,
                  armValues: distinctValues(upload.firstRows, v).join(', '),
                  controlValue: distinctValues(upload.firstRows, v)[0] ?? '',
                }),
              )}
              {text('Arm values (comma-separated)', form.armValues, (v) => change({ armValues: v }), 260)}
              {select('Control arm', form.controlValue, armChoices, (v) => change({ controlValue: v }))}
              {select('Exposure time column', form.exposedAtColumn, header, (v) => change({ exposedAtColumn: v }), 'none')}
              {select('Exposure column (arm seen)', form.exposureColumn, header, (v) => change({ exposureColumn: v }), 'none')}
              {form.exposureColumn &&
                text(
                  'Exposure values (seen=arm, comma-separated; empty: as the arm column)',
                  form.exposureValues,
                  (v) => change({ exposureValues: v }),
                  360,
                )}
              {text('True is written', form.trueWords, (v) => change({ trueWords: v }))}
              {text('False is written', form.falseWords, (v) => change({ falseWords: v }))}
              {text(
                'Band columns, kept per unit to break effects down by (comma-separated)',
                form.attributeColumns,
                (v) => change({ attributeColumns: v }),
                420,
              )}
            </Box>
            <Typography variant="subtitle2">Metrics</Typography>
            <Table size="small" aria-label="Metrics">
              <TableHead>
                <TableRow>
                  {['Use', 'Column', 'Kind', 'Role', 'Good direction', 'Hypothesis', 'Covariate (CUPED) or ratio denominator'].map((h) => (
                    <TableCell key={h}>{h}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {Object.entries(form.metrics).map(([column, m]) => (
                  <TableRow key={column}>
                    <TableCell>
                      <Checkbox
                        checked={m.use}
                        onChange={(e) => changeMetric(column, { use: e.target.checked })}
                        inputProps={{ 'aria-label': `use ${column}` }}
                      />
                    </TableCell>
                    <TableCell>{column}</TableCell>
                    <TableCell>
                      {select('Kind', m.kind, ['binary', 'mean', 'ratio'], (v) =>
                        changeMetric(column, { kind: v as MetricChoice['kind'] }),
                      )}
                    </TableCell>
                    <TableCell>
                      {select('Role', m.role, ['primary', 'secondary', 'guardrail'], (v) =>
                        changeMetric(column, { role: v as MetricChoice['role'] }),
                      )}
                    </TableCell>
                    <TableCell>
                      {select('Direction', m.direction, ['increase', 'decrease'], (v) =>
                        changeMetric(column, { direction: v as MetricChoice['direction'] }),
                      )}
                    </TableCell>
                    <TableCell>
                      {select('Hypothesis', m.hypothesis, ['two-sided', 'one-sided'], (v) =>
                        changeMetric(column, { hypothesis: v as MetricChoice['hypothesis'] }),
                      )}
                    </TableCell>
                    <TableCell>
                      {m.kind === 'mean'
                        ? select(
                            'Covariate',
                            m.covariateColumn,
                            header.filter((h) => h !== column),
                            (v) => changeMetric(column, { covariateColumn: v }),
                            'none',
                          )
                        : m.kind === 'ratio'
                          ? select(
                              'Denominator',
                              m.denominatorColumn,
                              header.filter((h) => h !== column),
                              (v) => changeMetric(column, { denominatorColumn: v }),
                            )
                          : '—'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {preview && <PreviewCounts preview={preview} />}
            <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mt: 2 }}>
              <TextField size="small" label="Campaign name" value={name} onChange={(e) => setName(e.target.value)} sx={{ minWidth: 320 }} />
              <Typography variant="body2">
                <Checkbox checked={keepGoodRows} onChange={(e) => setKeepGoodRows(e.target.checked)} /> keep the good rows (otherwise one
                refused row refuses the file)
              </Typography>
            </Box>
          </>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2, whiteSpace: 'pre-wrap' }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button label="Cancel" onClick={onClose} />
        <Button label="Preview counts" onClick={runPreview} disabled={!upload || busy} />
        <Button label="Import" variant="contained" onClick={runImport} disabled={!preview || busy || name.trim() === ''} />
      </DialogActions>
    </Dialog>
  );
}

function PreviewCounts({ preview }: { preview: FinishedTestPreviewDto }) {
  const reasons = Object.entries(preview.rejectionsByReason);
  return (
    <Box sx={{ mt: 2 }} aria-label="Counts the mapping will produce">
      <Typography variant="subtitle2">This mapping will produce</Typography>
      <Typography variant="body2">
        {preview.rowsRead.toLocaleString()} rows read → {preview.units.toLocaleString()} units (
        {Object.entries(preview.unitsPerArm)
          .map(([arm, n]) => `${arm}: ${n.toLocaleString()}`)
          .join(', ')}
        )
        {preview.identicalDuplicates > 0
          ? `; ${preview.identicalDuplicates.toLocaleString()} repeated rows with the same values kept once`
          : ''}
        .
      </Typography>
      {reasons.length === 0 ? (
        <Typography variant="body2">No row is refused.</Typography>
      ) : (
        <>
          <Typography variant="body2">
            Rows refused: {reasons.map(([reason, n]) => `${reason}: ${n.toLocaleString()}`).join('; ')}.
          </Typography>
          <Box component="ul" sx={{ mt: 0.5, fontSize: 13 }}>
            {preview.firstRejections.slice(0, 5).map((r) => (
              <li key={r.rowNumber}>{r.message}</li>
            ))}
          </Box>
        </>
      )}
    </Box>
  );
}
