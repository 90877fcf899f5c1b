import type { readinessFi } from './readiness.fi.ts';

export const readinessEn: typeof readinessFi = {
  readiness: {
    label: 'Kiosk check',
    checking: 'Checking the camera, microphone and connection…',
    ready: 'Ready',
    readyWithNote: 'Ready, but:',
    problem: 'Fault – fix before the customer comes:',
    figures: 'Camera {{camera}} · connection up / down {{network}} Mbit/s · checked at {{time}}',
    again: 'Check again',
    line: {
      cameraMissing: 'No camera found.',
      cameraSmall: 'The camera gives {{width}}×{{height}} at {{fps}} frames/s; {{minWidth}}×{{minHeight}} at {{minFps}} frames/s is needed.',
      micMissing: 'No microphone found.',
      micSilent: 'No sound from the microphone.',
      uploadSlow: 'Connection too slow: {{kbps}} kbit/s up measured, {{min}} needed.',
      uploadBelowRecommended: 'Upload {{kbps}} kbit/s, {{recommended}} recommended.',
      downloadSlow: 'Connection too slow: {{kbps}} kbit/s down measured, {{min}} needed.',
      downloadBelowRecommended: 'Download {{kbps}} kbit/s, {{recommended}} recommended.',
    },
  },
};
