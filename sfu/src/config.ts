import os from 'node:os';

export interface SfuConfig {
  /** Number of mediasoup worker processes; one per core by default. */
  numWorkers: number;
  /** Path of the mediasoup-worker binary; mediasoup's own default when undefined. */
  workerBin: string | undefined;
  /** Address the WebRTC transports bind to. */
  listenIp: string;
  /** Address put in ICE candidates; required when listenIp is a wildcard. */
  announcedAddress: string | undefined;
  rtcMinPort: number;
  rtcMaxPort: number;
  enableTcp: boolean;
  /** Bitrate (bit/s) a new receive transport starts with before bandwidth estimation has data. */
  initialAvailableOutgoingBitrate: number;
  logLevel: 'debug' | 'warn' | 'error' | 'none';
  /** How often each room's media is measured for the quality monitor (ms); 1000 when undefined. */
  qualitySampleMs?: number;
}

export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism());
}
