import { Alert, Box, Chip, Stack, TextField, Typography } from '@mui/material';
import type { ApiErrorBody, SegmentPreviewResponse } from '@crosslane/contracts';
import { useEffect, useRef, useState } from 'react';
import { useDataProvider, useInput } from 'react-admin';
import type { CrosslaneDataProvider } from '../../dataProvider';
import { parseRuleText, RULE_EXAMPLES } from './rule-text';

const DEBOUNCE_MS = 400;

/**
 * The rule as JSON with a live count: each change is parsed, then (debounced)
 * sent to POST /api/segments/preview, which validates it and counts the
 * matching members in the database. Errors name the path in the rule.
 */
export function RuleEditor({ source = 'rule' }: { source?: string }) {
  const { field } = useInput({ source });
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const [text, setText] = useState(() => (field.value ? JSON.stringify(field.value, null, 2) : ''));
  const [preview, setPreview] = useState<SegmentPreviewResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    const parsed = parseRuleText(text);
    if (parsed.error !== null) {
      setProblem(parsed.error);
      setPreview(null);
      return;
    }
    field.onChange(parsed.rule);
    const timer = setTimeout(async () => {
      controller.current?.abort();
      controller.current = new AbortController();
      setLoading(true);
      try {
        const { data } = await dataProvider.previewSegment(parsed.rule, controller.current.signal);
        setPreview(data);
        setProblem(null);
      } catch (error) {
        if ((error as Error).name === 'AbortError') return;
        const body = (error as { body?: ApiErrorBody }).body;
        setPreview(null);
        setProblem(body?.fields?.map((f) => `${f.field}: ${f.message}`).join('\n') ?? body?.message ?? (error as Error).message);
      } finally {
        setLoading(false);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // Re-run on text changes only: field.onChange is recreated on every render.
  }, [text, dataProvider]);

  return (
    <Box sx={{ width: '100%', maxWidth: 760 }}>
      <Stack direction="row" spacing={1} sx={{ mb: 1, flexWrap: 'wrap' }}>
        {RULE_EXAMPLES.map((example) => (
          <Chip key={example.label} label={example.label} size="small" onClick={() => setText(JSON.stringify(example.rule, null, 2))} />
        ))}
      </Stack>
      <TextField
        label="Rule (JSON)"
        value={text}
        onChange={(event) => setText(event.target.value)}
        multiline
        minRows={8}
        fullWidth
        slotProps={{ htmlInput: { 'data-testid': 'rule-json', spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
      />
      <Box sx={{ mt: 1 }} data-testid="rule-preview">
        {problem ? (
          <Alert severity="error" sx={{ whiteSpace: 'pre-wrap' }}>
            {problem}
          </Alert>
        ) : (
          <Typography variant="body2">
            {loading && !preview ? 'Counting…' : preview ? `${preview.count.toLocaleString('en')} members match now` : ''}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
