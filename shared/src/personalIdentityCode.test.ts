import { describe, expect, it } from 'vitest';
import { identityCodeCheckCharacter, identityCodeProblem, isValidIdentityCode } from './personalIdentityCode.ts';

describe('the Finnish personal identity code', () => {
  it('accepts the published example codes of every century sign', () => {
    for (const code of ['131052-308T', '010594Y9032', '010594Y9021', '020594X903P', '020594X902N', '030594W903B', '030694W9024', '040594V9030', '040594V902Y', '050594U903M', '050594U902L', '010516B903X', '010516A902W', '020516C903K']) {
      expect(identityCodeProblem(code), code).toBeUndefined();
    }
  });

  it('accepts the newer century signs D, E and F and the 1800s sign +', () => {
    for (const first10 of ['020516D902', '030516E903', '030516F902', '010185+002']) {
      expect(isValidIdentityCode(`${first10}${identityCodeCheckCharacter(first10)}`), first10).toBe(true);
    }
  });

  it('accepts lower-case letters and surrounding spaces as typed', () => {
    expect(isValidIdentityCode(' 131052-308t ')).toBe(true);
  });

  it('refuses a wrong check character', () => {
    expect(identityCodeProblem('131052-308U')).toBe('checksum');
    expect(identityCodeProblem('131052-309T')).toBe('checksum');
  });

  it('refuses dates that do not exist, including 29 February of a common year', () => {
    expect(identityCodeProblem('310252-308T')).toBe('date');
    expect(identityCodeProblem('290201A002X')).toBe('date');
    const leap = `290200A002`;
    expect(identityCodeProblem(`${leap}${identityCodeCheckCharacter(leap)}`)).toBeUndefined();
  });

  it('refuses the individual numbers 000 and 001 that are never given out', () => {
    const code = '131052-001';
    expect(identityCodeProblem(`${code}${identityCodeCheckCharacter(code)}`)).toBe('individualNumber');
  });

  it('refuses anything not shaped like a code', () => {
    for (const code of ['', '131052308T', '131052*308T', '131052-308', '1310521-308T', 'abcdef-ghij']) {
      expect(identityCodeProblem(code), code).toBe('format');
    }
  });
});
