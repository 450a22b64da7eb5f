import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import type { ChangeConsentRequest } from '@crosslane/contracts';

export class ChangeConsentDto implements ChangeConsentRequest {
  @ApiPropertyOptional({ description: 'Personalisation consent (turning it off is always allowed)' })
  @IsOptional()
  @IsBoolean({ message: 'consentPersonalisation must be true or false' })
  consentPersonalisation?: boolean;

  @ApiPropertyOptional({
    description: 'Partner-sharing consent: only an ADMIN may turn it on; anyone who may write members may turn it off',
  })
  @IsOptional()
  @IsBoolean({ message: 'consentPartnerSharing must be true or false' })
  consentPartnerSharing?: boolean;

  @ApiPropertyOptional({
    enum: ['SCREEN', 'API'],
    default: 'API',
    description: 'Recorded in the consent history: SCREEN from the dashboard, API otherwise',
  })
  @IsOptional()
  @IsIn(['SCREEN', 'API'], { message: 'source must be SCREEN or API' })
  source?: 'SCREEN' | 'API';
}
