import { describe, expect, it } from 'vitest';
import { BookingSchema, type Booking, type BookingState } from '@kanava/shared';
import { linkStatusOf } from './linkStatus.ts';
import { hashLinkToken, LinkTokens } from './linkTokens.ts';

const booking = (state: BookingState): Booking =>
  BookingSchema.parse({
    id: 'b1',
    state,
    point: { id: 'sp1', slug: 'kuhmo', nameFi: 'Kuhmo', nameSv: 'Kuhmo' },
    provider: { id: 'kela', nameFi: 'Kela', nameSv: 'FPA', nameEn: 'Kela' },
    service: { id: 's1', nameFi: 'Asumistuki', nameSv: 'Bostadsbidrag', nameEn: 'Housing allowance' },
    expert: { id: 'mikko', displayName: 'Mikko' },
    startsAt: '2030-01-08T08:00:00.000Z',
    endsAt: '2030-01-08T08:30:00.000Z',
    heldUntil: null,
    customer: { name: 'Aino', contact: '', note: '' },
    sequence: 0,
    rescheduledFrom: null,
    rescheduledTo: null,
    fromHome: { email: 'aino@example.fi' },
  });
const live = { revoked_reason: null };
const at = (iso: string) => new Date(iso);

describe('a personal link through the booking’s life', () => {
  it('opens 15 minutes before the time and works until the booking’s end', () => {
    expect(linkStatusOf(live, booking('confirmed'), at('2030-01-08T07:44:59Z'), 15)).toEqual({
      status: 'notYet',
      opensAt: '2030-01-08T07:45:00.000Z',
      startsAt: '2030-01-08T08:00:00.000Z',
    });
    expect(linkStatusOf(live, booking('confirmed'), at('2030-01-08T07:45:00Z'), 15)).toMatchObject({ status: 'open', pointSlug: 'kuhmo' });
    expect(linkStatusOf(live, booking('arrived'), at('2030-01-08T08:29:59Z'), 15)).toMatchObject({ status: 'open' });
    expect(linkStatusOf(live, booking('served'), at('2030-01-08T08:10:00Z'), 15)).toMatchObject({ status: 'open' });
    expect(linkStatusOf(live, booking('arrived'), at('2030-01-08T08:30:00Z'), 15)).toEqual({ status: 'ended' });
    expect(linkStatusOf(live, booking('noShow'), at('2030-01-08T08:10:00Z'), 15)).toEqual({ status: 'ended' });
  });

  it('says cancelled or moved, whether the link was revoked or only the booking changed', () => {
    const during = at('2030-01-08T08:05:00Z');
    expect(linkStatusOf({ revoked_reason: 'cancelled' }, booking('confirmed'), during, 15)).toEqual({ status: 'cancelled' });
    expect(linkStatusOf(live, booking('cancelled'), during, 15)).toEqual({ status: 'cancelled' });
    expect(linkStatusOf({ revoked_reason: 'moved' }, booking('confirmed'), during, 15)).toEqual({ status: 'moved' });
    expect(linkStatusOf(live, booking('rescheduled'), during, 15)).toEqual({ status: 'moved' });
    expect(linkStatusOf(live, booking('expired'), during, 15)).toEqual({ status: 'unknown' });
  });
});

describe('link tokens', () => {
  it('verify their own signature only, under the same key', () => {
    const tokens = new LinkTokens(Buffer.alloc(32, 7));
    const token = tokens.tokenFor('link-1');
    expect(tokens.verify(token)).toBe('link-1');
    expect(tokens.verify(`link-2.${token.split('.')[1]}`)).toBeUndefined();
    expect(tokens.verify(`${token}x`)).toBeUndefined();
    expect(tokens.verify('no-dot')).toBeUndefined();
    expect(new LinkTokens(Buffer.alloc(32, 8)).verify(token)).toBeUndefined();
    expect(hashLinkToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLinkToken(token)).not.toContain(token);
  });
});
