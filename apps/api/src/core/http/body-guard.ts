import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Deeper than any body this API takes (a segment rule nests at most 12 levels) and far below what would exhaust the stack. */
export const MAX_BODY_DEPTH = 64;

/**
 * The one validation layer every request goes through before any handler,
 * DTO or rule parser sees it:
 * - a JSON body nesting deeper than MAX_BODY_DEPTH is refused while it is
 *   still text, so no recursive walk (class-transformer, the rule
 *   validator) ever meets a 60,000-deep rule;
 * - a NUL byte in any text of the body, query string or path is refused with
 *   a 400 naming where it is (`body.name`, `query.q`): PostgreSQL cannot
 *   store it in text, and would otherwise fail mid-write with a 500.
 * The size limit is Fastify's bodyLimit, checked before any of this. The
 * app is created with `bodyParser: false` so that this parser is the JSON one.
 */
export function registerBodyGuards(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const tooDeep = jsonDepthExceeds(text, MAX_BODY_DEPTH);
    if (tooDeep) {
      done(invalid('body', `the request body nests deeper than ${MAX_BODY_DEPTH} levels (at character ${tooDeep})`), undefined);
      return;
    }
    parseJson(request, text, done);
  });
  fastify.addHook('preValidation', (request: FastifyRequest, _reply, done) => {
    // Body fields are named as the validation pipe names them (`name`, `rule.and[0].value`), so the dashboard can show the error beside the input.
    const where = findNulByte(request.params, 'params') ?? findNulByte(request.query, 'query') ?? findNulByte(request.body, '');
    if (where) {
      done(invalid(where, `${where} must not contain a NUL byte (\\u0000)`));
      return;
    }
    done();
  });
}

/**
 * The 1-based position of the first bracket that opens a level beyond `max`,
 * or null. Reads the text once, skipping strings, so it costs a fraction of
 * JSON.parse and no stack at all.
 * Example: jsonDepthExceeds('[[[1]]]', 2) === 3
 */
export function jsonDepthExceeds(text: string, max: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) return i + 1;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

/**
 * Where the first NUL byte sits in a parsed value, as a path under `root` (`rule.and[0].value`), or null;
 * a NUL in a bare string body is named `body`.
 * Keys are checked as well as values. Iterative, so no input depth can exhaust the stack.
 * Example: findNulByte({ name: 'a\u0000b' }, 'query') === 'query.name'
 */
export function findNulByte(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  let visited = 0;
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (++visited > 1_000_000) return null; // bodies are capped at 1 MB; this only bounds the walk
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path || 'body';
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${path || 'body'}[${i}]`]);
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      const entries = Object.entries(current as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const name = key.split('\u0000').join('\\u0000');
        const childPath = path ? `${path}.${name}` : name;
        if (key.includes('\u0000')) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, fields: [{ field, message }] });
}
