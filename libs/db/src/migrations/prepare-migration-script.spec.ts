import { describe, expect, it } from 'vitest';
import { prepareMigrationScript } from './prepare-migration-script';

describe('prepareMigrationScript', () => {
  it("folds Prisma's BEGIN/COMMIT into the runner's transaction, keeping every offset", () => {
    const script =
      '-- AlterEnum\nBEGIN;\nCREATE TYPE "Role_new" AS ENUM (\'A\');\nDROP TYPE "Role_old";\nCOMMIT;\nCREATE TABLE t (id int);\n';

    const { sql, foldedStatements } = prepareMigrationScript(script);

    expect(foldedStatements).toBe(2);
    expect(sql).toBe(
      '-- AlterEnum\n      \nCREATE TYPE "Role_new" AS ENUM (\'A\');\nDROP TYPE "Role_old";\n       \nCREATE TABLE t (id int);\n',
    );
    expect(sql.length).toBe(script.length);
  });

  it('folds every spelling of starting and ending a transaction', () => {
    const script = 'start transaction isolation level serializable;\nSELECT 1;\nEND WORK;\nBegin Transaction;\nCommit;\n';
    const { sql, foldedStatements } = prepareMigrationScript(script);
    expect(foldedStatements).toBe(4);
    expect(sql.replace(/\s+/g, ' ').trim()).toBe('SELECT 1;');
  });

  it('leaves a script without transaction statements untouched', () => {
    const script = 'CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN b text;\n';
    expect(prepareMigrationScript(script)).toEqual({ sql: script, foldedStatements: 0 });
  });

  it('does not mistake keywords inside bodies, strings, identifiers and comments for statements', () => {
    const script = [
      "DO $$ BEGIN RAISE NOTICE 'x'; COMMIT; END $$;",
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\nBEGIN\n  RETURN 1;\nEND;\n$body$;',
      'CREATE FUNCTION g() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN true THEN 1 END;\nEND;',
      "INSERT INTO notes VALUES ('BEGIN; COMMIT;'), (E'it\\'s; COMMIT;');",
      'SELECT 1 AS "COMMIT;";',
      '/* COMMIT; /* nested; */ ROLLBACK; */ SELECT 2;',
      '-- ROLLBACK;',
      '',
    ].join('\n');
    expect(prepareMigrationScript(script)).toEqual({ sql: script, foldedStatements: 0 });
  });

  it('keeps savepoints, which work inside the transaction', () => {
    const script = 'SAVEPOINT s;\nSELECT 1;\nROLLBACK TO SAVEPOINT s;\nROLLBACK WORK TO s;\nRELEASE SAVEPOINT s;\n';
    expect(prepareMigrationScript(script)).toEqual({ sql: script, foldedStatements: 0 });
  });

  it.each(['ROLLBACK;', 'abort;', "PREPARE TRANSACTION 'x';", "COMMIT PREPARED 'x';"])('refuses %s, naming its line', (statement) => {
    expect(() => prepareMigrationScript(`CREATE TABLE a (id int);\n${statement}\n`)).toThrow(/^line 2: /);
  });
});
