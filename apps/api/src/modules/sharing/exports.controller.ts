import { Body, Controller, Get, HttpCode, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ExportLinkDto, ExportRefusalBody, PartnerExportDto } from '@crosslane/contracts';
import { Actor, ALL_ROLES, ClientIp, EDITORS, Public, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { GetRoute, PostRoute } from '../../core/http/route.decorators';
import { CreateExportDto } from './dto/sharing.dto';
import { EXPORT_SORTABLE, ExportsService, EXPORT_STATUSES } from './exports.service';

type Reply = { status(code: number): unknown };
type RawReply = { header(n: string, v: string): RawReply; status(code: number): RawReply; send(body: unknown): unknown };

const EXPORT_LIST: ListEndpoint = {
  resource: 'exports',
  sortable: EXPORT_SORTABLE,
  defaultSort: ['createdAt', 'desc'],
  filters: { id: 'uuid', fields: { partnerId: 'uuid', status: EXPORT_STATUSES, kind: 'text', purpose: 'text' } },
};

@ApiTags('sharing')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @GetRoute(
    '',
    ALL_ROLES,
    'Export requests with status and refusal reason (simple-REST; filter {partnerId, status, kind, purpose}); never the file',
  )
  @ApiBearerAuth()
  list(@ListRequest(EXPORT_LIST) page: ListPage): Promise<PartnerExportDto[]> {
    return page.answer(this.exports.list(page.query));
  }

  @GetRoute(':id', ALL_ROLES, 'One export request')
  @ApiBearerAuth()
  get(@Param('id') id: string): Promise<PartnerExportDto> {
    return this.exports.get(id);
  }

  @PostRoute('', EDITORS, 'Request an export: checked against the agreement at once, then built by the build-partner-export job')
  @ApiBearerAuth()
  @ApiResponse({ status: 201, description: 'Queued' })
  @ApiResponse({ status: 422, description: 'Refused by the agreement (including no active agreement): {rule, message, exportId, fields}' })
  async request(
    @Body() body: CreateExportDto,
    @Actor() actor: RequestActor,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<PartnerExportDto | ExportRefusalBody> {
    const outcome = await this.exports.request(body, actor.account, actor.ip);
    reply.status(outcome.status);
    return outcome.body;
  }

  @PostRoute(':id/link', EDITORS, 'A download link valid for 10 minutes (signed token; audited)')
  @HttpCode(200)
  @ApiBearerAuth()
  link(@Param('id') id: string, @Actor() actor: RequestActor): Promise<ExportLinkDto> {
    return this.exports.createLink(id, actor.account, actor.ip);
  }

  @Get(':id/download')
  @Public()
  @ApiOperation({
    summary: 'Download the file with a link token (no login: the token is the credential; 401 invalid, 410 expired; audited)',
  })
  @ApiQuery({ name: 'token', required: true })
  async download(
    @Param('id') id: string,
    @Query('token') token: string | undefined,
    @ClientIp() ip: string | null,
    @Res() reply: RawReply,
  ): Promise<void> {
    const file = await this.exports.download(id, token, ip);
    reply
      .status(200)
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .header('cache-control', 'no-store')
      .send(file.content);
  }
}
