import { DateTime } from 'luxon';
import type { MailMessage } from '../../records/mailer.ts';
import { ZONE } from '../../records/time.ts';

type Names = { nameFi: string; nameSv: string; nameEn: string };

/** What a customer at home is told: their personal link, or that the booking was cancelled. */
export interface CustomerMailFacts {
  kind: 'homeLink' | 'homeCancel';
  email: string;
  /** The personal link (only for `homeLink`). */
  link: string | undefined;
  startsAt: Date;
  endsAt: Date;
  /** The link opens this long before the time. */
  opensMinutes: number;
  provider: Names;
  service: Names;
}

const time = (d: Date, locale: string, format: string) => DateTime.fromJSDate(d, { zone: ZONE }).setLocale(locale).toFormat(format);

/**
 * The customer's e-mail in Finnish, Swedish and English (the customer has no account, so no
 * known language). It carries the personal link and no one else's details; the link is the
 * customer's key to the booking's room, so the mail says not to pass it on.
 */
export function customerMessage(f: CustomerMailFacts): MailMessage {
  const fi = `${time(f.startsAt, 'fi', "ccc d.M.yyyy 'klo' H.mm")}–${time(f.endsAt, 'fi', 'H.mm')}`;
  const sv = `${time(f.startsAt, 'sv', "ccc d.M.yyyy 'kl.' H.mm")}–${time(f.endsAt, 'sv', 'H.mm')}`;
  const en = `${time(f.startsAt, 'en-GB', 'ccc d LLL yyyy, HH:mm')}–${time(f.endsAt, 'en-GB', 'HH:mm')}`;
  if (f.kind === 'homeCancel') {
    return {
      to: [f.email],
      subject: `Ajanvaraus peruttu / Tidsbokningen har avbokats / Booking cancelled: ${f.service.nameFi} ${fi}`,
      text: [
        `Ajanvarauksesi on peruttu: ${f.provider.nameFi} – ${f.service.nameFi}, ${fi}. Saamasi linkki ei enää toimi.`,
        '',
        `Din tidsbokning har avbokats: ${f.provider.nameSv} – ${f.service.nameSv}, ${sv}. Länken du fick fungerar inte längre.`,
        '',
        `Your booking has been cancelled: ${f.provider.nameEn} – ${f.service.nameEn}, ${en} (Finnish time). The link you received no longer works.`,
      ].join('\n'),
    };
  }
  const link = f.link ?? '';
  return {
    to: [f.email],
    subject: `Ajanvaraus / Tidsbokning / Booking: ${f.service.nameFi} ${fi}`,
    text: [
      `Sinulle on varattu aika: ${f.provider.nameFi} – ${f.service.nameFi}, ${fi} (Suomen aikaa).`,
      `Osallistut kotoa tietokoneella tai puhelimella. Avaa tämä henkilökohtainen linkki selaimessa ${f.opensMinutes} minuuttia ennen aikaa tai myöhemmin; laitteesi ja yhteytesi tarkistetaan ensin, ja asiantuntija päästää sinut sisään:`,
      link,
      'Linkki toimii vain tähän varaukseen ja sen loppuun asti. Älä anna sitä muille.',
      '',
      `Du har en bokad tid: ${f.provider.nameSv} – ${f.service.nameSv}, ${sv} (finsk tid).`,
      `Du deltar hemifrån med dator eller telefon. Öppna den personliga länken i webbläsaren tidigast ${f.opensMinutes} minuter före tiden; din utrustning och förbindelse kontrolleras först, och experten släpper in dig:`,
      link,
      'Länken gäller bara den här bokningen och till dess slut. Ge den inte till andra.',
      '',
      `You have a booking: ${f.provider.nameEn} – ${f.service.nameEn}, ${en} (Finnish time).`,
      `You take part from home on a computer or phone. Open this personal link in your browser from ${f.opensMinutes} minutes before the time; your devices and connection are checked first, and the expert lets you in:`,
      link,
      'The link works only for this booking and until its end. Do not pass it on.',
    ].join('\n'),
  };
}
