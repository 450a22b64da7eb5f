import { BadRequestException, Body, HttpCode, Param } from '@nestjs/common';
import {} from '@nestjs/swagger';
import type { OverlapResultDto } from '@crosslane/contracts';
import { Actor, ALL_ROLES, RequestActor } from '../../core/auth/auth.decorators';
import { PostRoute, SignedInController } from '../../core/http/route.decorators';
import { AuditService } from '../../core/audit/audit.service';
import { PrismaService } from '../../core/database/prisma.service';
import { OverlapDto } from './dto/sharing.dto';
import { PartnerAudienceService } from './partner-audience.service';
import { findOr404 } from '../../core/http/ids';

@SignedInController('partners', 'sharing')
export class OverlapController {
  constructor(
    private readonly audience: PartnerAudienceService,
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  @PostRoute(
    ':id/overlap',
    ALL_ROLES,
    "Overlap of a member set (a segment, or all members) with the partner's matched customers: a count through the disclosure gate (null below the minimum group size or when it differs from an earlier result by fewer than k; noisy in NOISE mode), never who",
  )
  @HttpCode(200)
  async overlap(
    @Param('id') id: string,
    @Body() body: OverlapDto,
    @Actor() { account: actor, ip }: RequestActor,
  ): Promise<OverlapResultDto> {
    await findOr404(id, 'partner', (uuid) => this.prisma.partner.findUnique({ where: { id: uuid }, select: { id: true } }));
    if (body.segmentId && !(await this.prisma.segment.findUnique({ where: { id: body.segmentId }, select: { id: true } }))) {
      throw new BadRequestException({
        message: `No segment ${body.segmentId}`,
        fields: [{ field: 'segmentId', message: 'no such segment' }],
      });
    }
    const result = await this.audience.overlap(id, body.segmentId ?? null, actor);
    await this.audit.record({
      action: 'partner.overlap',
      outcome: 'SUCCESS',
      actor,
      entityType: 'partner',
      entityId: id,
      detail: {
        segmentId: result.segmentId,
        suppressed: result.suppressed,
        threshold: result.threshold,
        disclosure: result.disclosure.status,
        noisy: result.disclosure.noisy,
      },
      ip,
    });
    return result;
  }
}
