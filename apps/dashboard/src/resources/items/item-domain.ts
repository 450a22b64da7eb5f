import type { ItemDto } from '@crosslane/contracts';
import type { ChipColor } from '../../common/StatusChip';

export const ITEM_DOMAINS: { id: ItemDto['domain']; name: string }[] = [
  { id: 'KNOWLEDGE', name: 'Knowledge' },
  { id: 'PARTNER', name: 'Partner' },
];
export const ITEM_DOMAIN_COLORS: Record<ItemDto['domain'], ChipColor> = { KNOWLEDGE: 'primary', PARTNER: 'secondary' };
export const ITEM_DOMAIN_LABELS: Record<ItemDto['domain'], string> = { KNOWLEDGE: 'Knowledge', PARTNER: 'Partner' };

export const PRICE_FORMAT: Intl.NumberFormatOptions = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
