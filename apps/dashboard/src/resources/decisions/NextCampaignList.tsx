import { Alert, Button, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useNotify, usePermissions, useRedirect } from 'react-admin';
import { decisionsApi, type NextCampaignCandidateDto } from './decisions-api';
import { isManagerOrAdmin } from '../../common/permissions';

/** Ranked candidates for the next joint campaign; refused ones stay in the list with their reason. */
export function NextCampaignList() {
  const notify = useNotify();
  const redirect = useRedirect();
  const { permissions } = usePermissions();
  const [rows, setRows] = useState<NextCampaignCandidateDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    decisionsApi
      .nextCampaign()
      .then(setRows)
      .catch((e: Error) => setError(e.message));
  }, []);
  const canEdit = isManagerOrAdmin(permissions);
  if (error) return <Alert severity="warning">{error}</Alert>;
  return (
    <>
      <Title title="Next campaign" />
      <Typography variant="h5" sx={{ mt: 2 }}>
        Next campaign: segment x partner x offer
      </Typography>
      <Table size="small" data-testid="next-campaign-table">
        <TableHead>
          <TableRow>
            <TableCell>Segment</TableCell>
            <TableCell>Partner</TableCell>
            <TableCell>Offer</TableCell>
            <TableCell align="right">Expected incremental conversions</TableCell>
            <TableCell align="right">Size / shareable (k)</TableCell>
            <TableCell align="right">MDE</TableCell>
            <TableCell align="right">Partner score</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(rows ?? []).map((c) => (
            <TableRow key={`${c.segmentId}/${c.partnerId}/${c.offerType}`} sx={c.refused ? { opacity: 0.6 } : undefined}>
              <TableCell>{c.segmentName}</TableCell>
              <TableCell>{c.partnerName}</TableCell>
              <TableCell>{c.offerType}</TableCell>
              <TableCell align="right">
                {c.expectedIncrementalConversions === null
                  ? 'no history'
                  : `${c.expectedIncrementalConversions.toFixed(1)} (${c.expectedFrom})`}
              </TableCell>
              <TableCell align="right">
                {c.segmentSize} / {c.shareableCount} ({c.k})
              </TableCell>
              <TableCell align="right">{c.mde === null ? '-' : `${(100 * c.mde).toFixed(2)} pp`}</TableCell>
              <TableCell align="right">{c.partnerScore === null ? '-' : c.partnerScore.toFixed(2)}</TableCell>
              <TableCell>
                {c.refused ? (
                  <Typography variant="caption">Refused: {c.reason}</Typography>
                ) : (
                  canEdit && (
                    <Button
                      size="small"
                      onClick={() =>
                        decisionsApi
                          .createDraft(c)
                          .then((created) => redirect(`/campaigns/${created.id}/show`))
                          .catch((e: Error) => notify(e.message, { type: 'warning' }))
                      }
                    >
                      Create draft
                    </Button>
                  )
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
