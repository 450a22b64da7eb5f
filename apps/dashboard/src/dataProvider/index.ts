export { createDataProvider } from './data-provider';
export type { CrosslaneDataProvider, CrosslaneMethods, DataProviderOptions } from './data-provider';
export { createHttpClient, toHttpError, FORBIDDEN_MESSAGE } from './http-client';
export type { HttpClient } from './http-client';
export type { ComplianceDownload } from './member-rights-methods';
