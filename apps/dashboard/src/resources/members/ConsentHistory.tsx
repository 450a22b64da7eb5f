import type { ConsentChangeDto, MemberDto, Role } from '@crosslane/contracts';
import { Box, Typography } from '@mui/material';
import { Button, Labeled, Link, usePermissions, useRecordContext } from 'react-admin';
import { PagedTableCard, usePagedList, type PagedColumn } from '../../common/PagedTable';
import { useAction } from '../../common/use-action';
import { CONSENT_LABELS, consentButtons, describeMove, describeSource } from './consent-history';
import { memberApi } from './member-api';

/** Withdraw (ADMIN, MANAGER) or grant (partner sharing: ADMIN only) one member's consent; recorded as SCREEN. */
export function ConsentButtons() {
  const member = useRecordContext<MemberDto>();
  const { permissions } = usePermissions<Role>();
  const { run, pending } = useAction();
  if (!member) return null;
  const buttons = consentButtons(permissions, member);
  if (!buttons.length) return null;
  const change = (field: string, to: boolean) =>
    run(() => memberApi.changeConsent(String(member.id), { [field]: to }), { success: 'Consent changed and recorded' });
  return (
    <Labeled label="Change consent">
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        {buttons.map((b) => (
          <Button
            key={b.field}
            label={b.label}
            onClick={() => change(b.field, b.to)}
            disabled={pending}
            variant="outlined"
            color={b.to ? 'primary' : 'warning'}
          />
        ))}
      </Box>
    </Labeled>
  );
}

/** Every change of the member's consent, newest first: flag, move, source (the import links to its report), who, when. */
export function ConsentHistory() {
  const member = useRecordContext<MemberDto>();
  const list = usePagedList<ConsentChangeDto>(`members/${member?.id}/consent-history`, {
    sort: { field: 'at', order: 'DESC' },
    perPage: 10,
    enabled: !!member,
  });
  if (!member) return null;
  return (
    <PagedTableCard
      title="Consent history"
      label="Consent history"
      sx={{ mt: 2, width: '100%' }}
      list={list}
      columns={CONSENT_COLUMNS}
      perPageOptions={[10, 25, 100]}
      empty={
        <Typography color="text.secondary">
          No consent change is recorded for this member (members loaded by the demo world or a dataset have none until their consent first
          changes).
        </Typography>
      }
    />
  );
}

const CONSENT_COLUMNS: PagedColumn<ConsentChangeDto>[] = [
  { header: 'When', cell: (c) => new Date(c.at).toLocaleString() },
  { header: 'Consent', cell: (c) => CONSENT_LABELS[c.flag] },
  { header: 'Change', cell: (c) => describeMove(c) },
  {
    header: 'Source',
    cell: (c) =>
      c.source === 'IMPORT' && c.sourceId ? <Link to={`/imports/${c.sourceId}/show`}>{describeSource(c)}</Link> : describeSource(c),
  },
  { header: 'By', cell: (c) => c.actorEmail ?? '—' },
];
