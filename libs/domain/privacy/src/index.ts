export {
  IdentifierError,
  keyedIdentifierHash,
  normaliseEmail,
  normalisePhone,
  partnerPseudonym,
  type IdentifierKind,
} from './identity';
