import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../logger.ts';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  /** An iCalendar invitation or cancellation, sent as the message's text/calendar part (with its METHOD). */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** nodemailer's calendar part: calendar clients read the METHOD from its content type. */
function calendarPart(m: MailMessage) {
  return m.calendar ? { icalEvent: { method: m.calendar.method, filename: 'invite.ics', content: m.calendar.content } } : {};
}

/** Sends e-mail. One interface, so tests and callers never depend on how mail leaves. */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export interface MailSettings {
  from: string;
  smtpUrl: string | undefined;
  dir: string;
}

/**
 * nodemailer over SMTP when `smtpUrl` is set; otherwise each message is rendered by
 * nodemailer's JSON transport and written into `dir` (one file per message), so a
 * fresh install shows what it would have sent without a mail server.
 */
export function createMailer(settings: MailSettings, log: Logger): Mailer {
  if (settings.smtpUrl) {
    const transport = nodemailer.createTransport(settings.smtpUrl);
    return {
      async send(m) {
        const info = await transport.sendMail({ from: settings.from, to: m.to, subject: m.subject, text: m.text, ...calendarPart(m) });
        log.info({ to: m.to, subject: m.subject, messageId: info.messageId }, 'mail sent');
        return { messageId: info.messageId };
      },
    };
  }
  const transport = nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(m) {
      const info = await transport.sendMail({ from: settings.from, to: m.to, subject: m.subject, text: m.text, ...calendarPart(m) });
      await fs.mkdir(settings.dir, { recursive: true });
      const file = path.join(settings.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomUUID().slice(0, 8)}.json`);
      await fs.writeFile(file, String(info.message));
      log.info({ to: m.to, subject: m.subject, file }, 'mail written to file (no SMTP configured)');
      return { messageId: info.messageId };
    },
  };
}
