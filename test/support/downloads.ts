import type { Response } from 'superagent';
import { expect } from 'vitest';
import type { TestApp } from './test-app';

/** A supertest parser that keeps a body as text whatever its type (CSV files): `.buffer(true).parse(asText)`. */
export function asText(res: Response, done: (error: Error | null, body: string) => void): void {
  // In Node, superagent hands the parser the raw response stream.
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => done(null, text));
}

/** A partner export's file as a partner gets it: a short-lived link asked for with `token`, then the file through that link. */
export async function downloadExport(app: TestApp, token: string, exportId: string): Promise<string> {
  const link = await app.http
    .post(`/api/exports/${exportId}/link`)
    .set({ Authorization: `Bearer ${token}` })
    .send({});
  expect(link.status).toBe(200);
  const file = await app.http.get(link.body.url).buffer(true).parse(asText);
  expect(file.status).toBe(200);
  return file.body as string;
}
