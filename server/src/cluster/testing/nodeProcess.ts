/**
 * One server node as a process of its own, for the cluster tests (clusterTesting.ts starts it,
 * and SIGKILLs it to test a takeover). Test staff and kiosk token as in signalling/testing.ts;
 * the shared PostgreSQL and Redis come from the environment.
 */
import { pino } from 'pino';
import { StaffUserIdSchema } from '@kanava/shared';
import { startTestKanava, testStaff } from '../../signalling/testing.ts';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const kanava = await startTestKanava({
  reconnectGraceMs: Number(process.env.TEST_RECONNECT_GRACE_MS ?? 30_000),
  cluster: { redisUrl: required('REDIS_URL'), nodeId: required('KANAVA_NODE_ID'), roomLeaseMs: Number(required('KANAVA_ROOM_LEASE_MS')) },
  databaseUrl: required('DATABASE_URL'),
  log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn' }, pino.destination(2)),
});
// An expert of the demo data's Kela, whose housing-allowance service has the demo form (as in forms.integration.test.ts).
const kela = await kanava.records.repos.providers.getByCode('kela');
if (kela) {
  testStaff['kelaExpert'] = { id: StaffUserIdSchema.parse('u-kela'), displayName: 'Mikko (Kela)', email: 'kela@test', roles: [{ kind: 'expert', providerId: kela.id }] };
}
process.stdout.write(`${JSON.stringify({ url: kanava.url })}\n`);

// mediasoup's workers take over SIGTERM; stop in order ourselves (a graceful stop, unlike SIGKILL).
process.on('SIGTERM', () => {
  kanava.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
