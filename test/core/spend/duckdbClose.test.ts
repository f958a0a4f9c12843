import { strict as assert } from 'node:assert';
import { openDuckDb } from '../../../src/core/spend/focus/duckdb';

describe('DuckDB connection', () => {
  it('closes safely while a query is still running, and refuses queries after', async () => {
    const db = await openDuckDb();
    // Long enough to still be running when close() is called.
    const running = db.all('SELECT count(*) AS n FROM range(2000000000) a');
    await db.close();
    const outcome = await running.then(
      () => 'finished',
      (e: Error) => e.message,
    );
    assert.ok(outcome === 'finished' || /interrupt/i.test(outcome), outcome);
    await assert.rejects(db.all('SELECT 1'), /closed/);
    await db.close();
  });
});
