import type { Agreement, Provider, Service, ServicePointRecord } from '@kanava/shared';

/** The e-mail to the providers' admins about a new point, in Finnish, Swedish and English. */
export function providersNotifiedMail(
  point: ServicePointRecord,
  services: Service[],
  agreements: Agreement[],
  providers: Provider[],
  publicUrl: string,
): { subject: string; text: string } {
  const link = `${publicUrl}/p/${point.slug}`;
  const address = [point.streetAddress, [point.postalCode, point.postOffice].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const lines = (lang: 'fi' | 'sv' | 'en') =>
    agreements.map((a) => {
      const p = providers.find((x) => x.id === a.providerId);
      const name = lang === 'fi' ? p?.nameFi : lang === 'sv' ? p?.nameSv : p?.nameEn;
      const own = services.filter((s) => a.serviceIds.includes(s.id) && s.providerId === a.providerId);
      const names = own.map((s) => (lang === 'fi' ? s.nameFi : lang === 'sv' ? s.nameSv : s.nameEn)).join(', ');
      return `  - ${name ?? a.providerId}: ${names || '–'} (${a.validFrom}${a.validTo ? ` – ${a.validTo}` : ' –'})`;
    });
  const text = [
    `Uusi asiointipiste: ${point.nameFi} (${point.municipality})`,
    `Osoite: ${address || '–'}. Vastuuhenkilö: ${point.responsiblePerson || '–'}.`,
    `Palvelut:`,
    ...lines('fi'),
    `Asiointipisteen huone: ${link}`,
    '',
    `Nytt servicepunkt: ${point.nameSv} (${point.municipality})`,
    `Adress: ${address || '–'}. Ansvarsperson: ${point.responsiblePerson || '–'}.`,
    `Tjänster:`,
    ...lines('sv'),
    `Servicepunktens rum: ${link}`,
    '',
    `New service point: ${point.nameFi} (${point.municipality})`,
    `Address: ${address || '–'}. Responsible person: ${point.responsiblePerson || '–'}.`,
    `Services:`,
    ...lines('en'),
    `The point's room: ${link}`,
  ].join('\n');
  return { subject: `Kanava: uusi asiointipiste / nytt servicepunkt / new service point – ${point.nameFi}`, text };
}
