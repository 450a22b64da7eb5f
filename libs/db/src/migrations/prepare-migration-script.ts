/**
 * The runner wraps each migration in one transaction. Prisma itself writes
 * `BEGIN;` ... `COMMIT;` around some steps (an enum losing a value, for one);
 * run as they are, that COMMIT would end the runner's transaction half-way
 * through the file. prepareMigrationScript blanks such top-level transaction
 * statements, so the whole file stays one transaction, which is what they asked
 * for anyway, and refuses the ones that would undo it (ROLLBACK, PREPARE
 * TRANSACTION).
 *
 * Blanked statements are overwritten with spaces, newlines kept, so PostgreSQL's
 * error positions still point at the right line of migration.sql.
 *
 * The scan understands what can hide a semicolon or a keyword: -- and nested
 * block comments, '...' and E'...' strings, "..." identifiers, $tag$ bodies, and
 * the unquoted BEGIN ATOMIC ... END bodies of SQL-standard functions.
 *
 * @example
 *   prepareMigrationScript('BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n').sql
 *   // => '      \nCREATE TABLE t (id int);\n       \n'
 */
export function prepareMigrationScript(script: string): { sql: string; foldedStatements: number } {
  const statements = splitStatements(script);
  const out = script.split('');
  let foldedStatements = 0;
  for (const statement of statements) {
    const action = classify(statement.words);
    if (action === 'keep') continue;
    const text = script.slice(statement.start, statement.end).trim();
    const line = script.slice(0, statement.start).split('\n').length;
    if (action === 'refuse') {
      throw new Error(
        `line ${line}: "${text}" would end the transaction the runner applies this migration in; ` +
          'a migration is applied whole or not at all, so it cannot contain ROLLBACK, ABORT or PREPARE TRANSACTION',
      );
    }
    for (let i = statement.start; i < statement.end; i++) {
      if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
    }
    foldedStatements++;
  }
  return { sql: foldedStatements > 0 ? out.join('') : script, foldedStatements };
}

interface Statement {
  /** Offset of the statement's first token. */
  start: number;
  /** Offset just past its terminating semicolon (or the end of the script). */
  end: number;
  /** Its first few top-level keywords, upper-cased. */
  words: string[];
}

type Action = 'keep' | 'fold' | 'refuse';

function classify(words: string[]): Action {
  const [first, second, third] = words;
  switch (first) {
    case 'BEGIN':
      return 'fold';
    case 'START':
      return second === 'TRANSACTION' ? 'fold' : 'keep';
    case 'COMMIT':
    case 'END':
      return second === 'PREPARED' ? 'refuse' : 'fold';
    case 'ROLLBACK': {
      // ROLLBACK TO [SAVEPOINT] x is fine inside the runner's transaction.
      const to = second === 'WORK' || second === 'TRANSACTION' ? third : second;
      return to === 'TO' ? 'keep' : 'refuse';
    }
    case 'ABORT':
      return 'refuse';
    case 'PREPARE':
      return second === 'TRANSACTION' ? 'refuse' : 'keep';
    default:
      return 'keep';
  }
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

function splitStatements(sql: string): Statement[] {
  const statements: Statement[] = [];
  let start = -1;
  let words: string[] = [];
  let previousWord = '';
  let atomicDepth = 0;

  const touch = (at: number) => {
    if (start < 0) start = at;
  };
  const finish = (end: number) => {
    if (start >= 0) statements.push({ start, end, words });
    start = -1;
    words = [];
    previousWord = '';
    atomicDepth = 0;
  };

  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];

    if (c === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      i = newline < 0 ? sql.length : newline + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < sql.length && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else {
          i++;
        }
      }
      continue;
    }
    if (c === "'") {
      touch(i);
      i = skipQuoted(sql, i, "'", false);
      continue;
    }
    if (c === '"') {
      touch(i);
      i = skipQuoted(sql, i, '"', false);
      continue;
    }
    if (c === '$' && !(i > 0 && WORD_PART.test(sql[i - 1]))) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(sql);
      if (tag) {
        touch(i);
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? sql.length : close + tag[0].length;
        continue;
      }
    }
    if (c === ';') {
      if (atomicDepth > 0) {
        i++;
        continue;
      }
      finish(i + 1);
      i++;
      continue;
    }
    if (WORD_START.test(c)) {
      touch(i);
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql[j])) j++;
      const word = sql.slice(i, j).toUpperCase();
      // E'...' is a string with backslash escapes.
      if (word === 'E' && sql[j] === "'") {
        i = skipQuoted(sql, j, "'", true);
        continue;
      }
      if (words.length < 4) words.push(word);
      if (atomicDepth > 0) {
        if (word === 'BEGIN' || word === 'CASE') atomicDepth++;
        else if (word === 'END') atomicDepth--;
      } else if (word === 'ATOMIC' && previousWord === 'BEGIN' && words[0] === 'CREATE') {
        atomicDepth = 1;
      }
      previousWord = word;
      i = j;
      continue;
    }
    if (!/\s/.test(c)) touch(i);
    i++;
  }
  finish(sql.length);
  return statements;
}

/** Returns the offset just past the closing quote (doubled quotes escape; backslashes too in E strings). */
function skipQuoted(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}
