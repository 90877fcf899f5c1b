/** The kiosk start page's own device and network check (for the advisor at the point). */
export const readinessFi = {
  readiness: {
    label: 'Asiointikoneen tarkistus',
    checking: 'Tarkistetaan kameraa, mikrofonia ja yhteyttä…',
    ready: 'Valmis',
    readyWithNote: 'Valmis, mutta:',
    problem: 'Vika – korjaa ennen asiakasta:',
    figures: 'Kamera {{camera}} · yhteys lähtevä / tuleva {{network}} Mbit/s · tarkistettu klo {{time}}',
    again: 'Tarkista uudelleen',
    line: {
      cameraMissing: 'Kameraa ei löydy.',
      cameraSmall: 'Kameran kuva on {{width}}×{{height}}, {{fps}} kuvaa/s; tarvitaan {{minWidth}}×{{minHeight}}, {{minFps}} kuvaa/s.',
      micMissing: 'Mikrofonia ei löydy.',
      micSilent: 'Mikrofonista ei kuulu ääntä.',
      uploadSlow: 'Yhteys liian hidas: lähtevä {{kbps}} kbit/s mitattu, tarvitaan {{min}}.',
      uploadBelowRecommended: 'Lähtevä yhteys {{kbps}} kbit/s, suositus {{recommended}}.',
      downloadSlow: 'Yhteys liian hidas: tuleva {{kbps}} kbit/s mitattu, tarvitaan {{min}}.',
      downloadBelowRecommended: 'Tuleva yhteys {{kbps}} kbit/s, suositus {{recommended}}.',
    },
  },
};
