/**
 * The Finnish personal identity code (henkilötunnus): DDMMYY, a century sign, a
 * three-digit individual number and a check character. The check character is the
 * nine digits DDMMYYNNN as one number modulo 31, looked up in CHECK_CHARACTERS.
 * Century signs: "+" 1800s; "-", Y, X, W, V, U 1900s; A–F 2000s (the extra signs
 * since 2023, so a younger customer's code is not refused).
 */
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURIES: Record<string, number> = {
  '+': 1800,
  '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};
const SHAPE = /^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])$/;

export type IdentityCodeProblem = 'format' | 'date' | 'individualNumber' | 'checksum';

/** Why the code is not a valid identity code, or undefined when it is. Letters may be typed in lower case. */
export function identityCodeProblem(input: string): IdentityCodeProblem | undefined {
  const m = SHAPE.exec(input.trim().toUpperCase());
  if (!m) return 'format';
  const [, dd = '', mm = '', yy = '', sign = '', individual = '', check = ''] = m;
  const year = (CENTURIES[sign] ?? 1900) + Number(yy);
  const date = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return 'date';
  // 000 and 001 are never given out; 900–999 are temporary numbers, still valid codes.
  if (Number(individual) < 2) return 'individualNumber';
  return CHECK_CHARACTERS[Number(`${dd}${mm}${yy}${individual}`) % 31] === check ? undefined : 'checksum';
}

export function isValidIdentityCode(input: string): boolean {
  return identityCodeProblem(input) === undefined;
}

/** The check character for the first ten characters of a code (tests and demo data build valid codes with it). */
export function identityCodeCheckCharacter(first10: string): string {
  const digits = `${first10.slice(0, 6)}${first10.slice(7, 10)}`;
  return CHECK_CHARACTERS[Number(digits) % 31] ?? '?';
}
