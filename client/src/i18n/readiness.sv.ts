import type { readinessFi } from './readiness.fi.ts';

export const readinessSv: typeof readinessFi = {
  readiness: {
    label: 'Kontroll av servicedatorn',
    checking: 'Kameran, mikrofonen och anslutningen kontrolleras…',
    ready: 'Klar',
    readyWithNote: 'Klar, men:',
    problem: 'Fel – åtgärda innan kunden kommer:',
    figures: 'Kamera {{camera}} · anslutning utgående / inkommande {{network}} Mbit/s · kontrollerad kl. {{time}}',
    again: 'Kontrollera igen',
    line: {
      cameraMissing: 'Ingen kamera hittades.',
      cameraSmall: 'Kamerans bild är {{width}}×{{height}}, {{fps}} bilder/s; det behövs {{minWidth}}×{{minHeight}}, {{minFps}} bilder/s.',
      micMissing: 'Ingen mikrofon hittades.',
      micSilent: 'Inget ljud hörs från mikrofonen.',
      uploadSlow: 'Anslutningen är för långsam: utgående {{kbps}} kbit/s uppmätt, det behövs {{min}}.',
      uploadBelowRecommended: 'Utgående anslutning {{kbps}} kbit/s, rekommendation {{recommended}}.',
      downloadSlow: 'Anslutningen är för långsam: inkommande {{kbps}} kbit/s uppmätt, det behövs {{min}}.',
      downloadBelowRecommended: 'Inkommande anslutning {{kbps}} kbit/s, rekommendation {{recommended}}.',
    },
  },
};
