import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SfuService } from '@kanava/sfu/api';
import type { RoomRegistry } from '../rooms/RoomRegistry.ts';

/**
 * Prometheus metrics of one server node. Gauges are read when scraped, so they are never
 * stale; counters and the lobby-wait histogram are fed by the lobby handlers.
 */
export class KanavaMetrics {
  readonly registry = new Registry();
  readonly lobbyWaitSeconds: Histogram;
  readonly admissions: Counter;
  readonly declines: Counter;

  constructor(deps: { rooms: () => RoomRegistry | undefined; sfu: SfuService }) {
    this.registry.setDefaultLabels({ service: 'kanava-server' });
    // Node's own: CPU, memory, event-loop lag, GC.
    collectDefaultMetrics({ register: this.registry, prefix: 'kanava_node_' });

    this.lobbyWaitSeconds = new Histogram({
      name: 'kanava_lobby_wait_seconds',
      help: 'Time a customer waited in the lobby before admission',
      buckets: [5, 15, 30, 60, 120, 300, 600, 1200],
      registers: [this.registry],
    });
    this.admissions = new Counter({ name: 'kanava_admissions_total', help: 'Customers admitted from the lobby', registers: [this.registry] });
    this.declines = new Counter({ name: 'kanava_declines_total', help: 'Customers declined in the lobby', registers: [this.registry] });

    new Gauge({
      name: 'kanava_rooms_live',
      help: 'Point rooms someone is in',
      registers: [this.registry],
      collect() {
        this.set(deps.rooms()?.size ?? 0);
      },
    });
    new Gauge({
      name: 'kanava_participants',
      help: 'Participants in live rooms by lifecycle state',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const room of deps.rooms()?.live() ?? []) {
          for (const [state, n] of Object.entries(room.stateCounts())) this.inc({ state }, n ?? 0);
        }
      },
    });
    new Gauge({
      name: 'kanava_service_sessions_running',
      help: 'Service sessions running now',
      registers: [this.registry],
      collect() {
        this.set((deps.rooms()?.live() ?? []).filter((r) => r.session !== undefined).length);
      },
    });
    const sfuGauge = (name: string, help: string, pick: (s: Awaited<ReturnType<SfuService['stats']>>) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          this.set(pick(await deps.sfu.stats()));
        },
      });
    sfuGauge('kanava_sfu_workers', 'mediasoup workers alive', (s) => s.workers);
    sfuGauge('kanava_sfu_routers', 'mediasoup routers (rooms with media)', (s) => s.rooms);
    sfuGauge('kanava_sfu_transports', 'WebRTC transports', (s) => s.transports);
    sfuGauge('kanava_sfu_producers', 'Media producers (tracks sent to the SFU)', (s) => s.producers);
    sfuGauge('kanava_sfu_consumers', 'Media consumers (tracks forwarded by the SFU)', (s) => s.consumers);
    sfuGauge('kanava_sfu_worker_cpu_seconds', 'CPU seconds used by the live mediasoup workers', (s) => s.workerCpuSeconds);
  }
}
