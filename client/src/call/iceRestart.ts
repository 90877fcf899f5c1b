import type { types } from 'mediasoup-client';

/** A restart that has not connected in this time is tried again (ICE checks over TCP take about a second). */
export const ICE_RETRY_MS = 8000;

export interface IceRestartDeps {
  /** Asks the SFU for new ICE parameters of this transport (`transport.restartIce`). */
  newIceParameters: () => Promise<types.IceParameters>;
  /** Whether a restart can be asked now (the signalling socket is up; without it, rejoining takes over). */
  canRestart: () => boolean;
}

/**
 * Keeps a transport's media path alive when the network under it changes while the signalling
 * socket stays up — e.g. a firewall that starts dropping UDP mid-call. Chrome does not move to
 * another candidate pair by itself (it stopped checking the TCP pairs once UDP worked), so the
 * transport's ICE is restarted: new parameters from the SFU, every pair checked again, and the
 * one that works (ICE-TCP, or TURN) carries the media. DTLS, producers and consumers stay; the
 * participant is not rejoined. Returns a function that stops watching.
 */
export function restartIceWhenLost(transport: types.Transport, deps: IceRestartDeps): () => void {
  let retry: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;

  const clearRetry = () => {
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
  };

  const restart = async () => {
    // One restart at a time; a retry timer is already set while one waits to connect.
    if (stopped || running || retry !== undefined || transport.closed || !deps.canRestart()) return;
    running = true;
    try {
      const iceParameters = await deps.newIceParameters();
      if (!transport.closed) await transport.restartIce({ iceParameters });
    } catch {
      // The socket dropped or the transport went away meanwhile: the retry (or the rejoin) decides.
    } finally {
      running = false;
    }
    if (stopped || transport.closed || transport.connectionState === 'connected') return;
    retry = setTimeout(() => {
      retry = undefined;
      if (transport.connectionState !== 'connected') void restart();
    }, ICE_RETRY_MS);
  };

  const onState = (state: types.ConnectionState) => {
    if (state === 'connected') clearRetry();
    else if (state === 'disconnected' || state === 'failed') void restart();
    else if (state === 'closed') stop();
  };

  const stop = () => {
    stopped = true;
    clearRetry();
    transport.off('connectionstatechange', onState);
  };

  transport.on('connectionstatechange', onState);
  transport.observer.once('close', stop);
  return stop;
}
