import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ExportLinkDto, ExportRefusalBody, PartnerExportDto } from '@crosslane/contracts';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Public, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { CreateExportDto } from './dto/sharing.dto';
import { EXPORT_SORTABLE, ExportsService, EXPORT_STATUSES } from './exports.service';

type Reply = { header(n: string, v: string): unknown; status(code: number): unknown };
type RawReply = { header(n: string, v: string): RawReply; status(code: number): RawReply; send(body: unknown): unknown };

@ApiTags('sharing')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get()
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Export requests with status and refusal reason (simple-REST; filter {partnerId, status, kind, purpose}); never the file',
  })
  async list(@Query() raw: RawListQuery, @Res({ passthrough: true }) reply: Reply): Promise<PartnerExportDto[]> {
    const query = parseListQuery(raw, EXPORT_SORTABLE, ['createdAt', 'desc'], {
      id: 'uuid',
      fields: { partnerId: 'uuid', status: EXPORT_STATUSES, kind: 'text', purpose: 'text' },
    });
    const { rows, total } = await this.exports.list(query);
    setListHeaders(reply, 'exports', query, total);
    return rows;
  }

  @Get(':id')
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One export request' })
  get(@Param('id') id: string): Promise<PartnerExportDto> {
    return this.exports.get(id);
  }

  @Post()
  @ApiBearerAuth()
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({ summary: 'Request an export: checked against the agreement at once, then built by the build-partner-export job' })
  @ApiResponse({ status: 201, description: 'Queued' })
  @ApiResponse({ status: 422, description: 'Refused by the agreement (including no active agreement): {rule, message, exportId, fields}' })
  async request(
    @Body() body: CreateExportDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<PartnerExportDto | ExportRefusalBody> {
    const outcome = await this.exports.request(body, actor, ip);
    reply.status(outcome.status);
    return outcome.body;
  }

  @Post(':id/link')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({ summary: 'A download link valid for 10 minutes (signed token; audited)' })
  link(@Param('id') id: string, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<ExportLinkDto> {
    return this.exports.createLink(id, actor, ip);
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
