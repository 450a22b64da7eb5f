/** Partners, catalogue items and members as lists and pages show them. */

export interface PartnerDto {
  id: string;
  slug: string;
  name: string;
  industry: string;
  status: 'PROSPECT' | 'ACTIVE' | 'ARCHIVED';
  contactName: string | null;
  contactEmail: string | null;
  website: string | null;
  itemCount: number;
}

export interface ItemDto {
  id: string;
  externalKey: string;
  domain: 'KNOWLEDGE' | 'PARTNER';
  partnerId: string | null;
  kind: string;
  title: string;
  category: string;
  tags: string[];
  price: number;
}

export interface MemberDto {
  id: string;
  memberKey: string;
  consentPersonalisation: boolean;
  consentPartnerSharing: boolean;
  city: string | null;
  joinedAt: string;
  interactionCount: number;
}

/** One day of the home chart: interactions per domain. */
