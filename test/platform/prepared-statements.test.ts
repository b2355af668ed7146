/** Repeated statements are prepared once per connection; a migration under them costs a connection, not the process. */
import { expect } from 'chai';
import type { Knex } from 'knex';
import { connectionStringOf, createDb } from '@motcua/domain/db/db.ts';
import { platform } from '../support/platform.ts';

describe('prepared statements', function () {
  let db: Knex;
  const table = `prepared_probe_${process.pid}`;
  const prepared = async () =>
    ((await db.raw(`select name, statement from pg_prepared_statements where name like 'motcua\\_%'`)).rows as { name: string; statement: string }[]).filter(
      (r) => r.statement.includes(table),
    );
  const pid = async () => (await db.raw('select pg_backend_pid() as pid')).rows[0].pid as number;

  beforeEach(async () => {
    // one connection, so that what it prepared can be seen on it
    db = createDb(connectionStringOf(platform().db), 1);
    await db.schema.dropTableIfExists(table);
    await db.schema.createTable(table, (t) => {
      t.integer('a');
      t.text('b');
    });
    await db(table).insert([
      { a: 1, b: 'một' },
      { a: 2, b: 'hai' },
    ]);
  });

  afterEach(async () => {
    await db.schema.dropTableIfExists(table);
    await db.destroy();
  });

  it('prepares a statement from its fifth run, and answers the same', async () => {
    const answers: unknown[] = [];
    for (let i = 0; i < 4; i++) answers.push(await db(table).where({ a: 2 }).first('b'));
    expect(await prepared(), 'not before its fifth run').to.deep.equal([]);
    for (let i = 0; i < 3; i++) answers.push(await db(table).where({ a: 2 }).first('b'));
    expect(await prepared()).to.have.length(1);
    expect(answers).to.deep.equal(Array(7).fill({ b: 'hai' }));
    // other parameters, the same prepared statement
    expect(await db(table).where({ a: 1 }).first('b')).to.deep.equal({ b: 'một' });
    expect(await prepared()).to.have.length(1);
  });

  it('leaves unnamed what has no parameters, or too many (a long in-list)', async () => {
    const many = Array.from({ length: 40 }, (_, i) => i);
    for (let i = 0; i < 8; i++) {
      await db.raw(`select count(*) from ${table}`);
      await db(table).whereIn('a', many).select('b');
    }
    expect(await prepared()).to.deep.equal([]);
  });

  it('drops the connection where a migration changed a prepared statement’s table, and goes on on another', async () => {
    for (let i = 0; i < 6; i++) await db(table).where({ a: 1 }).select('*');
    expect(await prepared()).to.have.length(1);
    const before = await pid();
    await db.schema.alterTable(table, (t) => t.integer('c'));
    const failed = await db(table)
      .where({ a: 1 })
      .select('*')
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    // the statement planned for the old columns cannot serve on that connection any more
    expect(failed?.message).to.match(/cached plan must not change result type/);
    expect(await pid(), 'a new connection').to.not.equal(before);
    for (let i = 0; i < 6; i++) expect(await db(table).where({ a: 1 }).select('*')).to.deep.equal([{ a: 1, b: 'một', c: null }]);
    expect(await prepared(), 'prepared again on the new connection').to.have.length(1);
  });
});
