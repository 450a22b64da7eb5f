// Shapes that cross the wire between the API and the dashboard. Types only:
// both sides import them, so a renamed field fails the build on both.

export * from './accounts';
export * from './audit';
export * from './jobs';
export * from './catalogue';
export * from './overview';
export * from './campaigns';
export * from './sharing';
export * from './segments';
export * from './imports';
export * from './recommendations';
export * from './calendar-date';
export * from './member-rights';
export * from './journeys';
export * from './taxonomy';
export * from './voice';
