import type { JobLock } from '../cluster/runExclusively.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from '../records/mailer.ts';
import { BookingStore } from './BookingStore.ts';
import type { BookingConfig } from './config.ts';
import type { BookingContext } from './context.ts';
import { LobbyArrivals } from './LobbyArrivals.ts';
import { bookingLinkKey, LinkTokens } from './links/linkTokens.ts';
import { addressOf } from './mail/bookingMessages.ts';
import { BookingMailJob } from './mail/BookingMailJob.ts';

export interface BookingModule {
  /** What the HTTP handlers get. */
  context: BookingContext;
  /** What the lobby asks (connect the rooms with `connectLobby`). */
  arrivals: LobbyArrivals;
  mailJob: BookingMailJob;
  close(): Promise<void>;
}

export interface BookingModuleOptions {
  db: Db;
  mailer: Mailer;
  mailFrom: string;
  publicUrl: () => string;
  config: BookingConfig;
  log: Logger;
  now?: () => Date;
  /** Runs the mail rounds on one node at a time when there are several. */
  lock?: JobLock;
}

/** The booking service, wired once by the composition root: store, handlers' context, mail job, lobby matcher. */
export async function startBooking(o: BookingModuleOptions): Promise<BookingModule> {
  const log = o.log.child({ component: 'booking' });
  const now = o.now ?? (() => new Date());
  const store = new BookingStore(o.db);
  const linkTokens = new LinkTokens(await bookingLinkKey(o.db));
  const mailJob = await BookingMailJob.start({
    store,
    mailer: o.mailer,
    publicUrl: o.publicUrl,
    organizer: addressOf(o.mailFrom),
    linkTokens,
    linkOpensMinutes: o.config.linkOpensMinutes,
    intervalMs: o.config.jobIntervalMs,
    log,
    now,
    ...(o.lock ? { lock: o.lock } : {}),
  });
  const arrivals = new LobbyArrivals({ store, log, tokens: linkTokens, linkOpensMinutes: o.config.linkOpensMinutes, now });
  return {
    context: { store, config: o.config, now, mailChanged: () => mailJob.kick(), linkTokens, arrivalMarked: (pointId) => arrivals.arrivalMarked(pointId), log },
    arrivals,
    mailJob,
    close: async () => {
      arrivals.stop();
      await mailJob.stop();
    },
  };
}
