import type {
  DtlsParameters,
  PrecheckId,
  ProbeDownloadResult,
  ProbeUploadResult,
  ProducerId,
  RtpCapabilities,
  RtpParameters,
  TransportId,
} from '@kanava/shared';
import type { SfuConsumerInfo, SfuTransportInfo } from '../api.ts';

/**
 * The SFU's half of the pre-call network check. A probe has its own router, so it
 * never touches a call room (a customer gets no room media before admission), and
 * measures the path to the same SFU the call will use.
 *
 * Upload: the browser sends an incompressible video with a high start bitrate; the
 * SFU counts what arrives. Download: the SFU pushes RTP at a fixed rate above what
 * the check must confirm; the browser counts what arrives. In both directions the
 * receiver of the flood measures, so the figure is what the link carried.
 */
export interface SfuProbes {
  openProbe(req: { probeId: PrecheckId }): Promise<SfuProbeInfo>;
  connectProbe(req: { probeId: PrecheckId; transportId: TransportId; dtlsParameters: DtlsParameters }): Promise<void>;
  /** The browser's test video on the probe's send transport; the SFU starts counting at once. */
  probeUpload(req: { probeId: PrecheckId; rtpParameters: RtpParameters }): Promise<{ producerId: ProducerId }>;
  /**
   * Resolves once the upload is measured (at most `maxDurationMs` after the first byte, a second more over TCP),
   * and closes the test video. `overTcp`: the browser's path is TCP even if the SFU sees UDP (TURN over TCP).
   */
  measureProbeUpload(req: { probeId: PrecheckId; startKbps: number; maxDurationMs: number; overTcp?: boolean | undefined }): Promise<ProbeUploadResult>;
  /** A paused consumer of the SFU's probe stream on the probe's receive transport. */
  probeDownload(req: { probeId: PrecheckId; rtpCapabilities: RtpCapabilities }): Promise<SfuConsumerInfo>;
  /** Starts the probe stream, sends it at `rateKbps` for `durationMs`, then stops; resolves when done. */
  runProbeDownload(req: { probeId: PrecheckId; rateKbps: number; durationMs: number }): Promise<ProbeDownloadResult>;
  closeProbe(req: { probeId: PrecheckId }): Promise<void>;
}

export interface SfuProbeInfo {
  rtpCapabilities: RtpCapabilities;
  send: SfuTransportInfo;
  recv: SfuTransportInfo;
}
