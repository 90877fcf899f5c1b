import { createHmac } from 'node:crypto';
import type { IceServer } from '@kanava/shared';

export interface TurnConfig {
  /** TURN URLs handed to browsers, e.g. turn:turn.example.fi:3478?transport=udp, turns:turn.example.fi:443?transport=tcp */
  urls: string[];
  /** coturn's static-auth-secret (use-auth-secret): shared between Kanava and coturn, never sent to browsers. */
  secret: string;
  /** How long handed-out credentials stay valid. */
  ttlSeconds: number;
}

/**
 * Time-limited TURN credentials in coturn's REST API scheme: the username is the expiry
 * (Unix seconds) and a label, the password is base64(HMAC-SHA1(secret, username)). coturn
 * checks them itself; nothing long-lived reaches the browser.
 */
export function turnIceServers(config: TurnConfig | undefined, label: string, now: Date): IceServer[] {
  if (!config || config.urls.length === 0) return [];
  const expires = Math.floor(now.getTime() / 1000) + config.ttlSeconds;
  const username = `${expires}:${label.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64)}`;
  const credential = createHmac('sha1', config.secret).update(username).digest('base64');
  return [{ urls: config.urls, username, credential }];
}
