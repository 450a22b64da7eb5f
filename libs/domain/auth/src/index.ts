export {
  MAX_PASSWORD_BYTES,
  MIN_PASSWORD_LENGTH,
  MIN_PASSWORD_SCORE,
  PASSWORD_RULE,
  PRODUCT_NAME,
  passwordProblems,
  passwordUserInputs,
  utf8Bytes,
  type PasswordContext,
} from './password-policy';
export { loginBackoffMs, PER_ACCOUNT_AND_ADDRESS, PER_ADDRESS, type BackoffPolicy } from './login-backoff';
