import { BookingIdSchema } from '@kanava/shared';
import { singleNode, type JobLock } from '../../cluster/runExclusively.ts';
import type { Logger } from '../../logger.ts';
import type { Mailer } from '../../records/mailer.ts';
import type { BookingMailRow } from '../BookingMailRepository.ts';
import type { BookingStore } from '../BookingStore.ts';
import type { MailMessage } from '../../records/mailer.ts';
import type { LinkTokens } from '../links/linkTokens.ts';
import { bookingMessage, type BookingMailFacts } from './bookingMessages.ts';
import { customerMessage } from './customerMessages.ts';

export interface BookingMailJobOptions {
  store: BookingStore;
  mailer: Mailer;
  publicUrl: () => string;
  organizer: { name: string; email: string };
  /** Signs the personal links written into customers' e-mails. */
  linkTokens: LinkTokens;
  /** How long before the booked time a personal link opens (said in the e-mail). */
  linkOpensMinutes: number;
  intervalMs: number;
  log: Logger;
  now?: () => Date;
  /** A mail still `sending` after this long belongs to a job that died. */
  staleAfterMs?: number;
  /** With several server nodes, one round runs on one node at a time (cluster/runExclusively). */
  lock?: JobLock;
}

const BATCH = 20;
const MAX_ATTEMPTS = 5;

/**
 * Sends the booking mail outbox: invitations and cancellations at once, reminders when due.
 * Its state is in the database, so it survives a restart (due mail is sent by the next
 * start), and each mail is claimed by one conditional update before it is sent, so two
 * jobs (or two server nodes) never send the same mail twice. It also lets lapsed holds go.
 */
export class BookingMailJob {
  readonly #o: BookingMailJobOptions;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  private constructor(options: BookingMailJobOptions) {
    this.#o = options;
  }

  /** Starts the job: mail left half-sent by a previous run is set aside, then due mail goes out. */
  static async start(options: BookingMailJobOptions): Promise<BookingMailJob> {
    const job = new BookingMailJob(options);
    const now = job.#now();
    const abandoned = await options.store.repos.mail.abandonStale(new Date(now.getTime() - (options.staleAfterMs ?? 5 * 60_000)));
    if (abandoned > 0) options.log.warn({ abandoned }, 'booking mail left sending by a stopped job is not sent again');
    job.#timer = setInterval(() => job.kick(), options.intervalMs);
    job.#timer.unref();
    job.kick();
    return job;
  }

  /** Runs a round now (or right after the one running). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
  }

  /** Waits until nothing is being sent (tests). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.idle();
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await (this.#o.lock ?? singleNode).runExclusively('booking-mail', () => this.round());
      } catch (err) {
        this.#o.log.error({ err }, 'booking mail round failed');
      }
    } while (this.#again && !this.#stopped);
  }

  /** One round: expire lapsed holds, then send what is due. Returns how many mails went out. */
  async round(): Promise<number> {
    const { store, log } = this.#o;
    const now = this.#now();
    const expired = await store.transaction((r) => r.bookings.expireAllLapsedHolds(now));
    if (expired > 0) log.info({ expired }, 'lapsed booking holds let go');
    let sent = 0;
    for (const mail of await store.repos.mail.due(now, BATCH)) {
      if (this.#stopped) break;
      if (!(await store.repos.mail.claim(mail.id, now))) continue;
      if (await this.#send(mail, now)) sent++;
    }
    return sent;
  }

  async #send(mail: BookingMailRow, now: Date): Promise<boolean> {
    const { store, mailer, log } = this.#o;
    const context = { bookingId: mail.booking_id, mailId: mail.id, kind: mail.kind };
    try {
      const message = mail.kind === 'homeLink' || mail.kind === 'homeCancel' ? await this.#customerMessage(mail) : await this.#expertMessage(mail, now);
      if (!message) {
        await store.repos.mail.settle(mail.id, 'void', now);
        return false;
      }
      const { messageId } = await mailer.send(message);
      await store.repos.mail.settle(mail.id, 'sent', now);
      log.info({ ...context, messageId }, 'booking mail sent');
      return true;
    } catch (err) {
      const attempts = mail.attempts + 1;
      const retryAt = attempts < MAX_ATTEMPTS ? new Date(now.getTime() + 60_000 * 2 ** attempts) : null;
      await store.repos.mail.refused(mail.id, err instanceof Error ? err.message : String(err), retryAt);
      log.warn({ ...context, err, attempts, retryAt }, 'booking mail not sent');
      return false;
    }
  }

  async #expertMessage(mail: BookingMailRow, now: Date): Promise<MailMessage | undefined> {
    const facts = await this.#facts(mail, now);
    return facts ? bookingMessage(facts) : undefined;
  }

  /** A customer's mail; a link whose booking was cancelled or moved before it went out is not sent. */
  async #customerMessage(mail: BookingMailRow): Promise<MailMessage | undefined> {
    const r = this.#o.store.repos;
    const [link, booking] = await Promise.all([r.links.forBooking(mail.booking_id), r.bookings.get(BookingIdSchema.parse(mail.booking_id))]);
    if (!link || !booking) return undefined;
    if (mail.kind === 'homeLink' && (link.revoked_at !== null || booking.state !== 'confirmed')) return undefined;
    return customerMessage({
      kind: mail.kind === 'homeLink' ? 'homeLink' : 'homeCancel',
      email: link.email,
      link: `${this.#o.publicUrl()}/p/${booking.point.slug}?b=${this.#o.linkTokens.tokenFor(link.id)}`,
      startsAt: new Date(booking.startsAt),
      endsAt: new Date(booking.endsAt),
      opensMinutes: this.#o.linkOpensMinutes,
      provider: booking.provider,
      service: booking.service,
    });
  }

  /** What the mail says, read now; undefined when it is no longer worth sending (a reminder of a booking that moved or ended). */
  async #facts(mail: BookingMailRow, now: Date): Promise<BookingMailFacts | undefined> {
    const r = this.#o.store.repos;
    const row = await r.bookings.row(BookingIdSchema.parse(mail.booking_id));
    if (!row) return undefined;
    if (mail.kind === 'reminder' && (row.state !== 'confirmed' || new Date(row.starts_at).getTime() <= now.getTime())) return undefined;
    const [point, booking, expert] = await Promise.all([
      r.points.get(row.point_id),
      r.bookings.get(row.id),
      r.accounts.get(row.expert_id),
    ]);
    if (!point || !booking || !expert) return undefined;
    return {
      kind: mail.kind === 'cancel' || mail.kind === 'reminder' ? mail.kind : 'request',
      sequence: mail.sequence,
      uid: row.ical_uid,
      bookingId: row.id,
      startsAt: new Date(row.starts_at),
      endsAt: new Date(row.ends_at),
      point: { slug: point.slug, nameFi: point.nameFi, address: [point.streetAddress, point.postalCode, point.postOffice].filter(Boolean).join(' ') },
      providerNameFi: booking.provider.nameFi,
      serviceNameFi: booking.service.nameFi,
      serviceNameEn: booking.service.nameEn,
      expert: { email: expert.email, displayName: expert.displayName },
      publicUrl: this.#o.publicUrl(),
      organizer: this.#o.organizer,
      now,
    };
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }
}
