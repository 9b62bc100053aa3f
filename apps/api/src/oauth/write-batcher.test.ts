import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteBatcher } from './write-batcher.js';

describe('WriteBatcher', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function database() {
    dir = mkdtempSync(join(tmpdir(), 'batcher-'));
    const db = new Database(join(dir, 'db.sqlite'));
    db.exec('create table t (v text primary key)');
    const transaction = <T>(fn: () => T): T => db.transaction(fn)();
    let commits = 0;
    const counting = <T>(fn: () => T): T => {
      const outer = !db.inTransaction;
      const result = transaction(fn);
      if (outer) commits += 1;
      return result;
    };
    return { db, transaction: counting, commits: () => commits };
  }

  it('commits the writes of one event-loop turn together and resolves after the commit', async () => {
    const { db, transaction, commits } = database();
    const batcher = new WriteBatcher(transaction);
    const insert = db.prepare('insert into t (v) values (?)');
    const results = await Promise.all(['a', 'b', 'c'].map((v) => batcher.run(() => insert.run(v).changes)));
    expect(results).toEqual([1, 1, 1]);
    expect(commits()).toBe(1);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 3 });
  });

  it('rejects only the write that failed, keeping the others', async () => {
    const { db, transaction } = database();
    const batcher = new WriteBatcher(transaction);
    const insert = db.prepare('insert into t (v) values (?)');
    const outcomes = await Promise.allSettled([
      batcher.run(() => insert.run('x')),
      batcher.run(() => {
        insert.run('y');
        insert.run('x'); // duplicate key: this write is rolled back, including 'y'
      }),
      batcher.run(() => insert.run('z')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('select v from t order by v').all()).toEqual([{ v: 'x' }, { v: 'z' }]);
  });

  it('fails a batch at once when another connection holds the write lock, without replaying it', async () => {
    const { db } = database();
    db.pragma('busy_timeout = 50');
    const other = new Database(db.name, { timeout: 0 });
    try {
      other.exec('begin immediate');
      let attempts = 0;
      const immediate = <T>(fn: () => T): T => {
        attempts += 1;
        return db.transaction(fn).immediate();
      };
      const batcher = new WriteBatcher(immediate);
      const insert = db.prepare('insert into t (v) values (?)');
      const outcomes = await Promise.allSettled(['a', 'b', 'c'].map((v) => batcher.run(() => insert.run(v))));
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_BUSY' });
      // One wait for the lock, not one more per write.
      expect(attempts).toBe(1);
    } finally {
      other.close();
    }
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 0 });
  });

  it('starts a new batch after each flush', async () => {
    const { db, transaction, commits } = database();
    const batcher = new WriteBatcher(transaction);
    const insert = db.prepare('insert into t (v) values (?)');
    await batcher.run(() => insert.run('1'));
    await batcher.run(() => insert.run('2'));
    expect(commits()).toBe(2);
  });
});
