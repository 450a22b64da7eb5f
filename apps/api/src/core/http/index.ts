// The validation layer in one import for a new endpoint: list queries (parseListQuery with declared
// filters), ids in paths (uuidOr404, int64IdOr404), body dates (IsCalendarDate), text checks (checkText).
// Depth and NUL-byte checks on every request are global (body-guard.ts), nothing to call.
export * from './list-query';
export * from './ids';
export { createValidationPipe, IsCalendarDate } from './validation';
export { findNulByte, jsonDepthExceeds, MAX_BODY_DEPTH } from './body-guard';
export { OneOf, OptionalNumberBetween, SavedDescription, SavedName } from './dto-fields';
