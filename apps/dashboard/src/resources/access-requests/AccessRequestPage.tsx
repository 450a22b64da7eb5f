import type { AccessLinkDto } from '@crosslane/contracts';
import { Alert, Box, Button, Card, CardContent, Link, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider } from 'react-admin';
import { useAction } from '../../common/use-action';
import type { CrosslaneDataProvider } from '../../dataProvider';

type Links = { key: string; json: AccessLinkDto; csv: AccessLinkDto };

/**
 * A member's access request: the admin enters the key and gets two signed
 * links (JSON, CSV) to the data package, valid for 10 minutes, that can be
 * handed on without a login. The API audits each link.
 */
export function AccessRequestPage() {
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const { run, pending } = useAction();
  const [memberKey, setMemberKey] = useState('');
  const [links, setLinks] = useState<Links | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const key = memberKey.trim();
    if (!key) return;
    setLinks(null);
    await run(() => Promise.all([dataProvider.createAccessLink(key, 'json'), dataProvider.createAccessLink(key, 'csv')]), {
      refresh: false,
      then: ([json, csv]) => setLinks({ key, json: json.data, csv: csv.data }),
    });
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <Title title="Access requests" />
      <CardContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          The data package holds the member's profile, consents and their history, interactions, segments, campaigns, and every partner file
          that contained them.
        </Typography>
        <Box component="form" onSubmit={submit} sx={{ display: 'flex', gap: 2, alignItems: 'center', my: 2 }}>
          <TextField
            label="Member key"
            size="small"
            value={memberKey}
            onChange={(e) => setMemberKey(e.target.value)}
            inputProps={{ 'data-testid': 'access-member-key' }}
          />
          <Button type="submit" variant="contained" disabled={pending || !memberKey.trim()}>
            Get download links
          </Button>
        </Box>
        {links && (
          <Alert severity="success">
            <Stack spacing={0.5}>
              <span>
                Data package of {links.key}, links valid until {new Date(links.json.expiresAt).toLocaleString()}:
              </span>
              <Link href={links.json.url} download data-testid="access-link-json">
                Download JSON
              </Link>
              <Link href={links.csv.url} download data-testid="access-link-csv">
                Download CSV
              </Link>
            </Stack>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
