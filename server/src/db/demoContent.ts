import type { Classification, OpeningHours } from '@kanava/shared';

/**
 * Fictional demo records: points in different municipalities, five providers with their
 * services, agreements, and one account per role. Names and people are made up.
 */

/** Documented demo password of every demo account (printed at start; change it in real use). */
export const DEMO_PASSWORD = 'kanava-demo-2025';

const weekdays9to15 = (): OpeningHours => ({
  weekly: {
    mon: [{ from: '09:00', to: '15:00' }],
    tue: [{ from: '09:00', to: '15:00' }],
    wed: [{ from: '09:00', to: '15:00' }],
    thu: [{ from: '09:00', to: '16:00' }],
    fri: [{ from: '09:00', to: '13:00' }],
    sat: [],
    sun: [],
  },
  exceptions: [
    { date: '2025-12-24', hours: [], note: 'Jouluaatto' },
    { date: '2026-01-06', hours: [], note: 'Loppiainen' },
  ],
});

export const demoPoints = [
  { slug: 'kuhmo', nameFi: 'Kuhmon asiointipiste', nameSv: 'Kuhmo servicepunkt', municipality: 'Kuhmo', streetAddress: 'Kainuuntie 84', postalCode: '88900', postOffice: 'Kuhmo', responsiblePerson: 'Sanna Neuvoja', live: true },
  { slug: 'suomussalmi', nameFi: 'Suomussalmen asiointipiste', nameSv: 'Suomussalmi servicepunkt', municipality: 'Suomussalmi', streetAddress: 'Kunnantie 1', postalCode: '89600', postOffice: 'Suomussalmi', responsiblePerson: 'Pekka Neuvoja', live: true },
  { slug: 'kristiinankaupunki', nameFi: 'Kristiinankaupungin yhteispalvelupiste', nameSv: 'Kristinestads samservicekontor', municipality: 'Kristiinankaupunki', streetAddress: 'Raatihuoneenkatu 2', postalCode: '64100', postOffice: 'Kristiinankaupunki', responsiblePerson: 'Britt Rådgivare', live: true },
  { slug: 'inari', nameFi: 'Inarin asiointipiste', nameSv: 'Enare servicepunkt', municipality: 'Inari', streetAddress: 'Piiskuntie 2', postalCode: '99870', postOffice: 'Inari', responsiblePerson: 'Aslak Neuvoja', live: true },
  { slug: 'puolanka', nameFi: 'Puolangan asiointipiste', nameSv: 'Puolanka servicepunkt', municipality: 'Puolanka', streetAddress: 'Kirkkotie 4', postalCode: '89200', postOffice: 'Puolanka', responsiblePerson: '', live: false },
].map((p) => ({
  ...p,
  contactPhone: '+358 40 000 0000',
  contactEmail: `${p.slug}@kunta.example`,
  openingHours: weekdays9to15(),
  equipment: { documentCamera: p.slug !== 'puolanka', printer: true, scanner: p.slug === 'kuhmo', notes: '' },
}));

const classifications: Classification[] = [
  { code: 'remote-service', nameFi: 'Etäpalvelu', nameSv: 'Distansservice', nameEn: 'Remote service' },
  { code: 'advice', nameFi: 'Neuvonta', nameSv: 'Rådgivning', nameEn: 'Advice' },
  { code: 'advice-short', nameFi: 'Neuvonta 0–5 min', nameSv: 'Rådgivning 0–5 min', nameEn: 'Advice 0–5 min' },
];

export const demoProviders = [
  {
    code: 'kela', nameFi: 'Kela', nameSv: 'FPA', nameEn: 'Kela (Social Insurance Institution)', contactEmail: '',
    services: [
      { code: 'housing-allowance', nameFi: 'Yleinen asumistuki', nameSv: 'Allmänt bostadsbidrag', nameEn: 'General housing allowance',
        card: 'Asumistuki: tarkista hakijan vuokrasopimus ja tulotiedot ennen yhteyttä. Hakemus täytetään yhdessä asiantuntijan kanssa lomakkeella AT 1.' },
      { code: 'social-assistance', nameFi: 'Perustoimeentulotuki', nameSv: 'Grundläggande utkomststöd', nameEn: 'Basic social assistance', card: '' },
    ],
  },
  {
    code: 'vero', nameFi: 'Verohallinto', nameSv: 'Skatteförvaltningen', nameEn: 'Tax Administration', contactEmail: '',
    services: [
      { code: 'tax-card', nameFi: 'Verokortti', nameSv: 'Skattekort', nameEn: 'Tax card', card: 'Verokortti: asiakas tarvitsee henkilöllisyystodistuksen ja arvion vuoden tuloista.' },
      { code: 'tax-return', nameFi: 'Veroilmoitus', nameSv: 'Skattedeklaration', nameEn: 'Tax return', card: '' },
    ],
  },
  {
    code: 'poliisi', nameFi: 'Poliisi', nameSv: 'Polisen', nameEn: 'Police', contactEmail: 'lupapalvelut@poliisi.example',
    services: [{ code: 'passport', nameFi: 'Passihakemus', nameSv: 'Passansökan', nameEn: 'Passport application', card: '' }],
  },
  {
    code: 'dvv', nameFi: 'Digi- ja väestötietovirasto', nameSv: 'Myndigheten för digitalisering och befolkningsdata', nameEn: 'Digital and Population Data Services Agency', contactEmail: '',
    services: [
      { code: 'change-of-address', nameFi: 'Muuttoilmoitus', nameSv: 'Flyttanmälan', nameEn: 'Notice of change of address', card: '' },
      { code: 'marriage-impediments', nameFi: 'Avioliiton esteiden tutkinta', nameSv: 'Hindersprövning', nameEn: 'Examination of impediments to marriage', card: '' },
    ],
  },
  {
    code: 'te', nameFi: 'TE-palvelut', nameSv: 'TE-tjänsterna', nameEn: 'Employment services', contactEmail: 'asiakaspalvelu@te.example',
    services: [{ code: 'job-seeker', nameFi: 'Työnhakijaksi ilmoittautuminen', nameSv: 'Anmälan som arbetssökande', nameEn: 'Registering as a job seeker', card: '' }],
  },
].map((p) => ({ ...p, services: p.services.map((s) => ({ ...s, classifications })) }));

/** Which providers serve which demo point (all of the provider's services), since 1.1.2024. */
export const demoAgreements: Record<string, string[]> = {
  kuhmo: ['kela', 'vero', 'dvv'],
  suomussalmi: ['kela', 'vero', 'poliisi'],
  kristiinankaupunki: ['kela', 'vero', 'te'],
  inari: ['kela', 'dvv'],
};

export type DemoRole = { kind: 'platformAdmin' } | { kind: 'providerAdmin' | 'expert'; provider: string } | { kind: 'advisor'; point: string };

export const demoAccounts: { email: string; displayName: string; roles: DemoRole[] }[] = [
  { email: 'admin@kanava.example', displayName: 'Alma Ylläpitäjä', roles: [{ kind: 'platformAdmin' }] },
  { email: 'kela.admin@kanava.example', displayName: 'Kaisa Pääkäyttäjä (Kela)', roles: [{ kind: 'providerAdmin', provider: 'kela' }] },
  { email: 'vero.admin@kanava.example', displayName: 'Ville Pääkäyttäjä (Vero)', roles: [{ kind: 'providerAdmin', provider: 'vero' }] },
  { email: 'mikko.expert@kanava.example', displayName: 'Mikko Asiantuntija (Kela)', roles: [{ kind: 'expert', provider: 'kela' }] },
  { email: 'ella.expert@kanava.example', displayName: 'Ella Asiantuntija (Vero)', roles: [{ kind: 'expert', provider: 'vero' }] },
  { email: 'sanna.advisor@kanava.example', displayName: 'Sanna Neuvoja (Kuhmo)', roles: [{ kind: 'advisor', point: 'kuhmo' }] },
  { email: 'pekka.advisor@kanava.example', displayName: 'Pekka Neuvoja (Suomussalmi)', roles: [{ kind: 'advisor', point: 'suomussalmi' }] },
];
