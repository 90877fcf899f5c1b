import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ICE_RETRY_MS, restartIceWhenLost } from './iceRestart.ts';

/** The parts of a mediasoup-client transport the watcher uses. */
class FakeTransport extends EventEmitter {
  connectionState: types.ConnectionState = 'connected';
  closed = false;
  readonly observer = new EventEmitter();
  readonly restarts: types.IceParameters[] = [];

  async restartIce({ iceParameters }: { iceParameters: types.IceParameters }): Promise<void> {
    this.restarts.push(iceParameters);
  }

  enter(state: types.ConnectionState): void {
    this.connectionState = state;
    this.emit('connectionstatechange', state);
  }
}

const params = (n: number): types.IceParameters => ({ usernameFragment: `u${n}`, password: `p${n}`, iceLite: true });

describe('ICE restart when the media path is lost under a live socket', () => {
  let transport: FakeTransport;
  let asked = 0;
  let socketUp = true;
  const watch = () =>
    restartIceWhenLost(transport as unknown as types.Transport, {
      newIceParameters: async () => params(++asked),
      canRestart: () => socketUp,
    });

  beforeEach(() => {
    vi.useFakeTimers();
    transport = new FakeTransport();
    asked = 0;
    socketUp = true;
  });
  afterEach(() => vi.useRealTimers());

  it('restarts with the SFU’s new parameters as soon as the transport is disconnected', async () => {
    watch();
    transport.enter('disconnected');
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.restarts).toEqual([params(1)]);
    // Disconnected → failed while the restart is under way: no second restart at once.
    transport.enter('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.restarts).toHaveLength(1);
  });

  it('tries again while no pair connects, and stops once one does', async () => {
    watch();
    transport.enter('failed');
    await vi.advanceTimersByTimeAsync(ICE_RETRY_MS);
    expect(transport.restarts).toHaveLength(2);
    transport.enter('connected');
    await vi.advanceTimersByTimeAsync(ICE_RETRY_MS * 3);
    expect(transport.restarts).toHaveLength(2);
  });

  it('leaves it to the rejoin when the socket is down, and stops when the transport closes', async () => {
    socketUp = false;
    watch();
    transport.enter('disconnected');
    await vi.advanceTimersByTimeAsync(ICE_RETRY_MS * 2);
    expect(transport.restarts).toHaveLength(0);

    socketUp = true;
    transport.observer.emit('close');
    transport.enter('failed');
    await vi.advanceTimersByTimeAsync(ICE_RETRY_MS * 2);
    expect(transport.restarts).toHaveLength(0);
  });
});
