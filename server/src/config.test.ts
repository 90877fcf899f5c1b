import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('starts with embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/kanava');
    expect(config.port).toBe(3000);
    expect(config.databaseFile).toBe('/srv/kanava/data/kanava.sqlite');
    expect(config.demoData).toBe(true);
    expect(config.sfu.announcedAddress).toBeTruthy();
  });

  it('names the variable that has a wrong value', () => {
    expect(() => loadConfig({ KANAVA_PORT: 'eighty' }, '/')).toThrow(ConfigError);
    expect(() => loadConfig({ KANAVA_PORT: 'eighty' }, '/')).toThrow(/KANAVA_PORT/);
    expect(() => loadConfig({ KANAVA_RTC_LISTEN_IP: 'not-an-ip' }, '/')).toThrow(/KANAVA_RTC_LISTEN_IP/);
    expect(() => loadConfig({ KANAVA_DEMO_DATA: 'yes' }, '/')).toThrow(/KANAVA_DEMO_DATA/);
  });

  it('refuses a media port range that is upside down', () => {
    expect(() => loadConfig({ KANAVA_RTC_MIN_PORT: '50000', KANAVA_RTC_MAX_PORT: '40000' }, '/')).toThrow(/KANAVA_RTC_MIN_PORT/);
  });

  it('announces the listen address itself when it is a concrete address', () => {
    const config = loadConfig({ KANAVA_RTC_LISTEN_IP: '127.0.0.1' }, '/');
    expect(config.sfu.announcedAddress).toBeUndefined();
    expect(config.sfu.listenIp).toBe('127.0.0.1');
  });

  it('takes TURN servers only together with their shared secret, and checks the URLs', () => {
    const turn = loadConfig({ KANAVA_TURN_URLS: 'turn:turn.example.fi:3478, turns:turn.example.fi:443?transport=tcp', KANAVA_TURN_SECRET: 'a-long-shared-secret' }, '/');
    expect(turn.turn).toEqual({ urls: ['turn:turn.example.fi:3478', 'turns:turn.example.fi:443?transport=tcp'], secret: 'a-long-shared-secret', ttlSeconds: 3600 });
    expect(() => loadConfig({ KANAVA_TURN_URLS: 'turn:turn.example.fi:3478' }, '/')).toThrow(/KANAVA_TURN_SECRET/);
    expect(() => loadConfig({ KANAVA_TURN_URLS: 'http://turn.example.fi', KANAVA_TURN_SECRET: 'a-long-shared-secret' }, '/')).toThrow(/KANAVA_TURN_URLS/);
    expect(loadConfig({}, '/').turn).toBeUndefined();
  });
});
