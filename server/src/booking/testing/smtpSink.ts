import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import ICAL from 'ical.js';

/** A real SMTP server on loopback that keeps what arrives, parsed by mailparser (tests only). */
export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** The first message (arrived or arriving) that matches, within `timeoutMs`. */
  waitFor(match: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          for (const w of waiters) w();
          callback();
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail in ${timeoutMs} ms (${messages.length} arrived: ${messages.map((m) => m.subject).join(' | ')})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The iCalendar part of a mail, parsed and checked by ical.js (RFC 5545). */
export function calendarOf(mail: ParsedMail): { method: string; uid: string; sequence: number; start: Date; end: Date; url: string; location: string; status: string; raw: string } {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`no text/calendar part in "${mail.subject ?? ''}"`);
  const raw = part.content.toString('utf8');
  const calendar = new ICAL.Component(ICAL.parse(raw));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  const time = (name: string) => {
    const v = event.getFirstPropertyValue(name);
    if (!(v instanceof ICAL.Time)) throw new Error(`${name} is not a time`);
    return v.toJSDate();
  };
  const text = (c: InstanceType<typeof ICAL.Component>, name: string) => String(c.getFirstPropertyValue(name) ?? '');
  return {
    method: text(calendar, 'method'),
    uid: text(event, 'uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: time('dtstart'),
    end: time('dtend'),
    url: text(event, 'url'),
    location: text(event, 'location'),
    status: text(event, 'status'),
    raw,
  };
}
