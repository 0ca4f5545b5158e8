// The unit of work's guarantees, on the database this run uses (SQLite or PostgreSQL):
// queries inside `transaction` take part in it without being handed a transaction,
// after-commit effects run after a commit and never after a rollback.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import type { Database } from './unit-of-work.ts';

let t: TestApp;
let db: Database;
const errors: unknown[] = [];

beforeAll(async () => {
  t = await createTestApp();
  db = t.platform.database;
  db.onEffectError((error) => errors.push(error));
  await sql`create table uow_probe (id text primary key)`.execute(db.root);
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  errors.length = 0;
  await sql`delete from uow_probe`.execute(db.root);
});

// A "store": it never receives a transaction, it asks the unit of work for its executor.
const insert = (id: string) => sql`insert into uow_probe (id) values (${id})`.execute(db.q);
const ids = async () => (await sql<{ id: string }>`select id from uow_probe order by id`.execute(db.q)).rows.map((r) => r.id);
const committedIds = async () => (await sql<{ id: string }>`select id from uow_probe order by id`.execute(db.root)).rows.map((r) => r.id);

describe('unit of work', () => {
  it('runs effects after the commit, in order, when the written rows are visible to everyone', async () => {
    const seen: string[][] = [];
    const result = await db.transaction(async () => {
      await insert('a');
      await db.afterCommit(async () => {
        seen.push(await committedIds());
      });
      await insert('b');
      await db.afterCommit(() => {
        seen.push(['second']);
      });
      expect(seen).toEqual([]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(seen).toEqual([['a', 'b'], ['second']]);
  });

  it('drops the effects of a transaction that rolls back, and its writes', async () => {
    let ran = false;
    await expect(
      db.transaction(async () => {
        await insert('x');
        await db.afterCommit(() => {
          ran = true;
        });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(ran).toBe(false);
    expect(await committedIds()).toEqual([]);
  });

  it('runs an effect registered outside a transaction at once', async () => {
    let ran = false;
    const pending = db.afterCommit(() => {
      ran = true;
    });
    await pending;
    expect(ran).toBe(true);
    expect(db.inTransaction).toBe(false);
  });

  it('lets queries inside the transaction see its uncommitted writes without passing it along', async () => {
    await db.transaction(async () => {
      await insert('p');
      expect(db.inTransaction).toBe(true);
      expect(await ids()).toEqual(['p']);
    });
    expect(await committedIds()).toEqual(['p']);
  });

  it('joins the transaction in scope: an inner transaction rolls back with the outer one, effects included', async () => {
    let innerRan = false;
    await expect(
      db.transaction(async () => {
        await insert('outer');
        await db.transaction(async () => {
          await insert('inner');
          await db.afterCommit(() => {
            innerRan = true;
          });
        });
        // The inner "commit" did not commit: its effect waits for the outer one.
        expect(innerRan).toBe(false);
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(innerRan).toBe(false);
    expect(await committedIds()).toEqual([]);
  });

  it('logs a failing effect and still runs the next; the committed work stands', async () => {
    let second = false;
    await db.transaction(async () => {
      await insert('kept');
      await db.afterCommit(() => {
        throw new Error('bus down');
      });
      await db.afterCommit(() => {
        second = true;
      });
    });
    expect(second).toBe(true);
    expect(errors).toEqual([expect.objectContaining({ message: 'bus down' })]);
    expect(await committedIds()).toEqual(['kept']);
  });

  it('a callback that outlives its transaction queries outside it, and can open its own', async () => {
    let later: Promise<string[]> | null = null;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await db.transaction(async () => {
      await insert('first');
      later = gate.then(() =>
        db.transaction(async () => {
          await insert('second');
          return ids();
        }),
      );
    });
    release();
    expect(await later!).toEqual(['first', 'second']);
    expect(await committedIds()).toEqual(['first', 'second']);
  });

  it('an effect that writes opens its own transaction after the commit', async () => {
    await db.transaction(async () => {
      await insert('one');
      await db.afterCommit(() => db.transaction(() => insert('two')));
    });
    expect(await committedIds()).toEqual(['one', 'two']);
  });
});
