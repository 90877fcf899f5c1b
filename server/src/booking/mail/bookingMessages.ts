import { DateTime } from 'luxon';
import type { MailMessage } from '../../records/mailer.ts';
import { ZONE } from '../../records/time.ts';
import type { BookingMailKind } from '../BookingMailRepository.ts';
import { invitationIcs } from './invitation.ts';

/** What a booking mail tells the expert; read from the database when the mail is sent. */
export interface BookingMailFacts {
  kind: BookingMailKind;
  sequence: number;
  uid: string;
  bookingId: string;
  startsAt: Date;
  endsAt: Date;
  point: { slug: string; nameFi: string; address: string };
  providerNameFi: string;
  serviceNameFi: string;
  serviceNameEn: string;
  expert: { email: string; displayName: string };
  publicUrl: string;
  organizer: { name: string; email: string };
  now: Date;
}

const fiTime = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).setLocale('fi').toFormat('ccc d.M.yyyy \'klo\' H.mm');
const fiClock = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat('H.mm');
const enTime = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm');
const enClock = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat('HH:mm');

const subjects: Record<string, { fi: string; en: string }> = {
  new: { fi: 'Ajanvaraus', en: 'Booking' },
  moved: { fi: 'Ajanvaraus muuttui', en: 'Booking changed' },
  cancel: { fi: 'Ajanvaraus peruttu', en: 'Booking cancelled' },
  reminder: { fi: 'Muistutus', en: 'Reminder' },
};

/**
 * The expert's e-mail about a booking, in Finnish and English, with the calendar part for
 * invitations and cancellations. The customer's name and note stay in Kanava (privacy: mail
 * leaves the system); the expert reads them on the agenda.
 */
export function bookingMessage(f: BookingMailFacts): MailMessage {
  const which = f.kind === 'request' ? (f.sequence === 0 ? 'new' : 'moved') : f.kind;
  const subject = subjects[which] ?? subjects.new!;
  const roomUrl = `${f.publicUrl}/p/${f.point.slug}`;
  const when = `${fiTime(f.startsAt)}–${fiClock(f.endsAt)}`;
  const text = [
    `Hei ${f.expert.displayName},`,
    '',
    which === 'cancel' ? 'Tämä ajanvaraus on peruttu.' : which === 'moved' ? 'Ajanvarauksen aika on muuttunut.' : which === 'reminder' ? 'Muistutus tulevasta ajanvarauksesta.' : 'Sinulle on varattu aika Kanavassa.',
    '',
    `Palvelu: ${f.providerNameFi} – ${f.serviceNameFi}`,
    `Aika: ${when} (Suomen aikaa)`,
    `Asiointipiste: ${f.point.nameFi}${f.point.address ? `, ${f.point.address}` : ''}`,
    `Huoneen linkki: ${roomUrl}`,
    `Asiakkaan tiedot: ${f.publicUrl}/agenda`,
    `Varaustunnus: ${f.bookingId.slice(0, 8)}`,
    '',
    '--',
    `${subject.en}: ${f.serviceNameEn}, ${enTime(f.startsAt)}–${enClock(f.endsAt)} (Helsinki time), ${f.point.nameFi}.`,
    `Room: ${roomUrl} · Customer details on your agenda: ${f.publicUrl}/agenda`,
  ].join('\n');
  const message: MailMessage = {
    to: [f.expert.email],
    subject: `${subject.fi}: ${f.serviceNameFi}, ${f.point.nameFi} ${fiTime(f.startsAt)}`,
    text,
  };
  if (f.kind === 'reminder') return message;
  const method = f.kind === 'cancel' ? 'CANCEL' : 'REQUEST';
  const content = invitationIcs({
    uid: f.uid,
    sequence: f.sequence,
    method,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    summary: `Kanava: ${f.serviceNameFi} – ${f.point.nameFi}`,
    description: `${f.providerNameFi} – ${f.serviceNameFi}\n${f.point.nameFi}\n${roomUrl}`,
    roomUrl,
    organizer: f.organizer,
    attendee: { name: f.expert.displayName, email: f.expert.email },
    stamp: f.now,
  });
  return { ...message, calendar: { method, content } };
}

/** "Kanava <kanava@x>" → { name: 'Kanava', email: 'kanava@x' }. */
export function addressOf(from: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1]?.trim() || 'Kanava', email: m[2] ?? from } : { name: 'Kanava', email: from.trim() };
}
