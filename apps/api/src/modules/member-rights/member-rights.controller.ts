import { Body, Get, HttpCode, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { ErasureRequestDto, MemberDataPackageDto } from '@crosslane/contracts';
import { complianceReportHtml, packageRows, type ComplianceReport } from '@crosslane/domain-member-rights';
import { toCsv } from '@crosslane/domain-privacy';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { Actor, ClientIp, EDITORS, Public, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { GetRoute, PostRoute, SignedInController } from '../../core/http/route.decorators';
import { AccessRequestDto, FileErasureDto } from './dto/file-erasure.dto';
import { MemberAccessService } from './member-access.service';
import { MemberRightsService } from './member-rights.service';

type Reply = { header(n: string, v: string): unknown };

const ERASURE_LIST: ListEndpoint = {
  resource: 'erasures',
  sortable: ['createdAt', 'completedAt', 'status'],
  defaultSort: ['createdAt', 'desc'],
  filters: { id: null, fields: {} },
};

/** Members' rights: erasure and access. ADMIN only, on every route: these answer for what the platform holds about a person. */
@SignedInController('member-rights', 'member-rights')
export class MemberRightsController {
  constructor(
    private readonly rights: MemberRightsService,
    private readonly access: MemberAccessService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @PostRoute(
    'erasures',
    ['ADMIN'],
    'File an erasure: {memberKey} or {csv} (a memberKey column). The keys are suppressed at once (imports report their rows as suppressed), the erase-members job deletes each member in one transaction; audited at request and completion. 400 names the bad row; nothing is stored then',
  )
  @HttpCode(202)
  fileErasure(@Body() body: FileErasureDto, @Actor() actor: RequestActor): Promise<ErasureRequestDto> {
    return this.rights.fileErasure(body, actor.account, actor.ip);
  }

  @GetRoute('erasures', ['ADMIN'], 'Erasure requests, newest first, with their progress')
  list(@ListRequest(ERASURE_LIST) page: ListPage): Promise<ErasureRequestDto[]> {
    return page.answer(this.rights.list(page.query));
  }

  @GetRoute('erasures/:id', ['ADMIN'], 'One erasure request')
  async get(@Param('id') id: string): Promise<ErasureRequestDto> {
    const found = await this.rights.get(id);
    if (!found) throw new NotFoundException(`No erasure request ${id}`);
    return found;
  }

  @GetRoute(
    'compliance-report',
    ['ADMIN'],
    'The compliance review of a period (?from=&to=, ISO dates, to exclusive): per partner files, rows, fields, purposes, agreement versions and refusals by rule; consent granted and withdrawn per flag and source; erasure requests with who filed them and how long they took. JSON, CSV with format=csv, or a printable HTML page (PDF-friendly: print it to PDF) with format=html',
  )
  async compliance(
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ComplianceReport | string> {
    const report = await this.rights.complianceReport(from, to);
    const name = `compliance-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}`;
    if (format === 'html') {
      attachment(reply, `${name}.html`, 'text/html; charset=utf-8');
      return complianceReportHtml(report, this.clock.now());
    }
    if (format !== 'csv') return report;
    attachment(reply, `${name}.csv`, CSV);
    return sectionsCsv(report);
  }

  @GetRoute(
    'exports/:exportId/suppressions',
    EDITORS,
    'The suppression list a partner file carries, as CSV (pseudonym, reason): members of earlier files to this partner who withdrew partner-sharing consent or were erased. ADMIN and MANAGER, like the file itself',
  )
  async suppressions(@Param('exportId') exportId: string, @Res({ passthrough: true }) reply: Reply): Promise<string> {
    const rows = await this.rights.suppressionsCarriedBy(exportId);
    attachment(reply, `suppressions-${exportId.slice(0, 8)}.csv`, CSV);
    return toCsv(
      ['pseudonym', 'reason'],
      rows.map((r) => [r.pseudonym, r.reason]),
    );
  }

  @PostRoute(
    'access/link',
    ['ADMIN'],
    "A download link to a member's data package (JSON or CSV), signed and valid for 10 minutes like a partner file's; names the member by id, never by key. Audited",
  )
  @HttpCode(200)
  accessLink(@Body() body: AccessRequestDto, @Actor() actor: RequestActor): Promise<{ url: string; expiresAt: string }> {
    return this.access.packageLink(body.memberKey, body.format ?? 'json', actor.account, actor.ip);
  }

  @Get('access/:memberId/download')
  @Public()
  @ApiOperation({
    summary: 'Download a data package with a link token (no login: the token is the credential; 401 invalid, 410 expired; audited)',
  })
  async accessDownload(
    @Param('memberId') memberId: string,
    @Query('format') format: string | undefined,
    @Query('by') by: string | undefined,
    @Query('token') token: string | undefined,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<MemberDataPackageDto | string> {
    const pack = await this.access.packageByLink(memberId, format, by, token, ip);
    reply.header('Cache-Control', 'no-store');
    return this.packageBody(pack, format === 'csv' ? 'csv' : 'json', reply);
  }

  @PostRoute(
    'access',
    ['ADMIN'],
    "A member's data package as a JSON (or, with format csv, CSV) download: profile, consents and their history, interactions, segments, campaigns and arms, the partner files that held them (with the agreement version), reviews. Audited",
  )
  @HttpCode(200)
  async accessPackage(
    @Body() body: AccessRequestDto,
    @Actor() actor: RequestActor,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<MemberDataPackageDto | string> {
    const pack = await this.access.dataPackage(body.memberKey, actor.account, actor.ip, body.format ?? 'json');
    return this.packageBody(pack, body.format ?? 'json', reply);
  }

  /** The same bytes whichever way the package is fetched: directly or through a link. */
  private packageBody(pack: MemberDataPackageDto, format: 'json' | 'csv', reply: Reply): MemberDataPackageDto | string {
    const name = `member-${pack.member.id}-data`;
    if (format !== 'csv') {
      attachment(reply, `${name}.json`);
      return pack;
    }
    attachment(reply, `${name}.csv`, CSV);
    return sectionsCsv(pack);
  }
}

const CSV = 'text/csv; charset=utf-8';

/** The headers of a file the browser saves rather than shows; every download here sets them. */
function attachment(reply: Reply, fileName: string, contentType?: string): void {
  if (contentType) reply.header('Content-Type', contentType);
  reply.header('Content-Disposition', `attachment; filename="${fileName}"`);
}

/** A data package or compliance report as CSV, one row per value (section, entry, field, value): both downloads share the layout. */
function sectionsCsv(data: object): string {
  const rows = packageRows(data as Record<string, unknown>).map(([section, entry, field, value]) => [
    section,
    entry,
    field,
    typeof value === 'boolean' ? String(value) : value,
  ]);
  return toCsv(['section', 'entry', 'field', 'value'], rows);
}
