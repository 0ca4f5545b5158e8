// The credentials a call hands out are the ones coturn accepts: a real coturn started by
// the test (TURN REST API secret, 127.0.0.1, a free port) grants a relay for them, and
// refuses an expired username, a wrong secret and a tampered user id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, coturnAvailable, startCoturn, type Coturn } from '../../../../test/support/coturn.ts';
import { turnCredential, iceServersFor, callsConfig } from './calls.turn.ts';

const ci = process.env.CI === 'true' || process.env.CI === '1';

if (coturnAvailable() || ci) {
  describe('TURN credentials against coturn', () => {
    let coturn: Coturn;
    beforeAll(async () => {
      coturn = await startCoturn();
    });
    afterAll(async () => {
      await coturn?.stop();
    });

    it('grants a relay for the credentials of a call', async () => {
      const config = callsConfig({ LOTUS_TURN_URLS: coturn.url, LOTUS_TURN_SECRET: coturn.secret });
      const [server] = iceServersFor(config, 'usr_patient', new Date(Date.now() + 60 * 60 * 1000));
      expect(server!.urls).toEqual([coturn.url]);
      const outcome = await allocate(coturn.port, server!.username!, server!.credential!);
      expect(outcome).toMatchObject({ ok: true });
      if (outcome.ok) expect(outcome.relayed).toMatch(/^127\.0\.0\.1:\d+$/);
    });

    it('refuses an expired username, another secret, and a changed user id', async () => {
      const expired = turnCredential(coturn.secret, 'usr_patient', new Date(Date.now() - 60 * 1000));
      expect(await allocate(coturn.port, expired.username, expired.credential)).toMatchObject({ ok: false, errorCode: 401 });
      const other = turnCredential('not the coturn secret at all', 'usr_patient', new Date(Date.now() + 3600_000));
      expect(await allocate(coturn.port, other.username, other.credential)).toMatchObject({ ok: false, errorCode: 401 });
      const good = turnCredential(coturn.secret, 'usr_patient', new Date(Date.now() + 3600_000));
      expect(await allocate(coturn.port, good.username.replace('usr_patient', 'usr_someone'), good.credential)).toMatchObject({ ok: false, errorCode: 401 });
    });
  });
} else {
  process.stdout.write('SKIPPED TURN tests against coturn: no turnserver binary (apt-get install coturn)\n');
}
