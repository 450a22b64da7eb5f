/**
 * The transaction-scoped advisory lock every writer of a member's consent
 * takes first (the members import, PATCH /members/:id/consent): each reads
 * the stored value it records as the history's "from", and the lock keeps
 * another writer from moving it between that read and the write.
 */
export const MEMBER_CONSENT_LOCK = 'crosslane:member-consent';
