import { describe, expect, it } from 'vitest';
import { PointSlugSchema } from './ids.ts';
import { PROTOCOL_VERSION, HandshakeAuthSchema } from './protocol.ts';
import { events, isRequestName, requests } from './signalling.ts';

const dtls = { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] };

describe('wire contract', () => {
  it('knows only the listed request names, including inherited object keys', () => {
    expect(isRequestName('room.join')).toBe(true);
    expect(isRequestName('room.destroy')).toBe(false);
    expect(isRequestName('toString')).toBe(false);
    expect(isRequestName('__proto__')).toBe(false);
  });

  it('accepts a well-formed transport connect and rejects unknown fields', () => {
    const schema = requests['transport.connect'].request;
    expect(schema.safeParse({ transportId: 't1', dtlsParameters: dtls }).success).toBe(true);
    expect(schema.safeParse({ transportId: 't1', dtlsParameters: dtls, extra: 1 }).success).toBe(false);
    expect(schema.safeParse({ transportId: '', dtlsParameters: dtls }).success).toBe(false);
    expect(schema.safeParse({ transportId: 't1', dtlsParameters: { fingerprints: [] } }).success).toBe(false);
  });

  it('trims display names and refuses empty, over-long or control-character names', () => {
    const join = requests['room.join'].request;
    const base = { pointSlug: 'kuhmo', rtpCapabilities: {} };
    const ok = join.safeParse({ ...base, displayName: '  Aino  ' });
    expect(ok.success && ok.data.displayName).toBe('Aino');
    expect(join.safeParse({ ...base, displayName: '   ' }).success).toBe(false);
    expect(join.safeParse({ ...base, displayName: 'x'.repeat(61) }).success).toBe(false);
    expect(join.safeParse({ ...base, displayName: 'Ai\u0000no' }).success).toBe(false);
  });

  it('refuses media of a kind that is not audio or video', () => {
    const produce = requests['producer.create'].request;
    const rtpParameters = { codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000 }] };
    expect(produce.safeParse({ transportId: 't', kind: 'audio', rtpParameters, source: 'microphone' }).success).toBe(true);
    expect(produce.safeParse({ transportId: 't', kind: 'data', rtpParameters, source: 'microphone' }).success).toBe(false);
    expect(produce.safeParse({ transportId: 't', kind: 'audio', rtpParameters: { codecs: [] }, source: 'microphone' }).success).toBe(false);
  });

  it('parses notifications before anyone sees them', () => {
    expect(events.peerLeft.safeParse({ peerId: 'p1' }).success).toBe(true);
    expect(events.peerLeft.safeParse({}).success).toBe(false);
  });

  it('requires a numeric protocol version in the handshake', () => {
    expect(HandshakeAuthSchema.safeParse({ protocolVersion: PROTOCOL_VERSION }).success).toBe(true);
    expect(HandshakeAuthSchema.safeParse({ protocolVersion: '1' }).success).toBe(false);
    expect(HandshakeAuthSchema.safeParse(undefined).success).toBe(false);
  });
});

describe('point slugs', () => {
  it.each(['kuhmo', 'kristiinankaupunki', 'piste-2'])('accepts %s', (slug) => {
    expect(PointSlugSchema.safeParse(slug).success).toBe(true);
  });
  it.each(['Kuhmo', '-kuhmo', 'kuhmo-', 'ku mo', '../etc', 'k', 'ä'])('refuses %s', (slug) => {
    expect(PointSlugSchema.safeParse(slug).success).toBe(false);
  });
});
