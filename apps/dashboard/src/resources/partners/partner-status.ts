import type { PartnerDto } from '@crosslane/contracts';
import type { ChipColor } from '../../common/StatusChip';

export const PARTNER_STATUS_COLORS: Record<PartnerDto['status'], ChipColor> = {
  PROSPECT: 'info',
  ACTIVE: 'success',
  ARCHIVED: 'default',
};
