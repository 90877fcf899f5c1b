/** Ways to make sure staff never miss a waiting customer: a chime and a desktop notification. */
let audioContext: AudioContext | undefined;

export function chime(): void {
  try {
    audioContext ??= new AudioContext();
    const ctx = audioContext;
    const start = ctx.currentTime;
    for (const [i, frequency] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.25 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.22);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + i * 0.25);
      osc.stop(start + i * 0.25 + 0.25);
    }
  } catch {
    // No audio output: the visual signals remain.
  }
}

export function notificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

export async function askForNotifications(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  return (await Notification.requestPermission()) === 'granted';
}

export function notifyDesktop(title: string, body: string, onClick?: () => void): void {
  if (!notificationsAllowed()) return;
  const n = new Notification(title, { body, tag: `kanava-${title}` });
  if (onClick) {
    n.onclick = () => {
      window.focus();
      onClick();
    };
  }
}
