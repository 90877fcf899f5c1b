import type { RtpParameters } from '@kanava/shared';

/** RTP parameters as a browser sends them for Opus; enough for the SFU to accept a producer. */
export function opusSendParameters(ssrc: number): RtpParameters {
  return {
    mid: '0',
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
    encodings: [{ ssrc }],
    rtcp: { cname: `cname-${ssrc}`, reducedSize: true },
  };
}

/** VP8 with three simulcast layers, as a browser sends a camera. */
export function vp8SimulcastParameters(): RtpParameters {
  return {
    mid: '1',
    codecs: [
      { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb' }] },
      { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 } },
    ],
    headerExtensions: [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', id: 2 },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id', id: 3 },
    ],
    encodings: [
      { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 120000 },
      { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 350000 },
      { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1000000 },
    ],
    rtcp: { cname: 'camera', reducedSize: true },
  };
}
