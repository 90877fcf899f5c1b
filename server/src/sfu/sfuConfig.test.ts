import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';

const repo = '/srv/kanava';

describe('choosing the SFU (KANAVA_SFU_MODE)', () => {
  it('runs mediasoup in the server process by default, as ./kanava start does', () => {
    expect(loadConfig({}, repo).sfu.remote).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379' }, repo).sfu.remote).toBeUndefined();
  });

  it('reaches SFU nodes through Redis in remote mode', () => {
    const config = loadConfig({ KANAVA_SFU_MODE: 'remote', REDIS_URL: 'redis://redis:6379', KANAVA_SFU_REQUEST_TIMEOUT_MS: '3000' }, repo);
    expect(config.sfu.remote).toEqual({ redisUrl: 'redis://redis:6379', requestTimeoutMs: 3000, pollMs: 1000 });
  });

  it('refuses remote mode without REDIS_URL and an unknown mode, naming the variable', () => {
    expect(() => loadConfig({ KANAVA_SFU_MODE: 'remote' }, repo)).toThrow(/REDIS_URL: KANAVA_SFU_MODE=remote needs REDIS_URL/);
    expect(() => loadConfig({ KANAVA_SFU_MODE: 'cloud' }, repo)).toThrow(ConfigError);
    expect(() => loadConfig({ KANAVA_SFU_MODE: 'cloud' }, repo)).toThrow(/KANAVA_SFU_MODE/);
  });
});
