import type { Role } from '@crosslane/contracts';

/** The rule most writes follow (create, launch, train, import, export): managers and admins may, analysts only read; the API enforces the same. */
export const isManagerOrAdmin = (role: Role | undefined): boolean => role === 'ADMIN' || role === 'MANAGER';
