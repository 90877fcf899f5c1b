import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { turnIceServers } from './turnCredentials.ts';

const config = { urls: ['turn:turn.example.fi:3478?transport=udp', 'turns:turn.example.fi:443?transport=tcp'], secret: 'shared-secret-of-coturn', ttlSeconds: 3600 };

describe('TURN credentials', () => {
  it('follow coturn’s REST scheme: expiry in the username, HMAC-SHA1 of it as the password', () => {
    const [server] = turnIceServers(config, 'peer-1234', new Date('2026-11-26T10:00:00Z'));
    const expires = Date.parse('2026-11-26T11:00:00Z') / 1000;
    expect(server?.username).toBe(`${expires}:peer-1234`);
    expect(server?.credential).toBe(createHmac('sha1', 'shared-secret-of-coturn').update(`${expires}:peer-1234`).digest('base64'));
    expect(server?.urls).toEqual(config.urls);
  });

  it('are not handed out when no TURN server is configured', () => {
    expect(turnIceServers(undefined, 'p', new Date())).toEqual([]);
    expect(turnIceServers({ ...config, urls: [] }, 'p', new Date())).toEqual([]);
  });

  it('keep the label to characters coturn accepts in a username', () => {
    const [server] = turnIceServers(config, 'a:b c/ä', new Date(0));
    expect(server?.username).toBe('3600:abc');
  });
});
