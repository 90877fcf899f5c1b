/**
 * RTP packets of the download probe. They only have to reach the browser and be counted
 * (inbound-rtp bytesReceived), not be decoded: each carries a VP8 payload descriptor that
 * mediasoup reads as the start of a key frame (so a freshly resumed consumer forwards it
 * at once), and no packet ends a frame (marker bit clear), so the browser never hands the
 * filler to its decoder.
 */
export const PROBE_PAYLOAD_TYPE = 101;
export const PROBE_SSRC = 0x6b_61_6e_61;
/** Payload bytes per packet: a full packet under a 1200-byte path MTU budget with mediasoup's header extensions. */
export const PROBE_PAYLOAD_BYTES = 1000;
const RTP_HEADER_BYTES = 12;

export function probePacket(seq: number, timestamp: number, filler: Buffer): Buffer {
  const packet = Buffer.alloc(RTP_HEADER_BYTES + PROBE_PAYLOAD_BYTES);
  packet[0] = 0x80; // version 2, no padding, no extension, no CSRC
  packet[1] = PROBE_PAYLOAD_TYPE; // marker bit clear
  packet.writeUInt16BE(seq & 0xffff, 2);
  packet.writeUInt32BE(timestamp >>> 0, 4);
  packet.writeUInt32BE(PROBE_SSRC, 8);
  packet[12] = 0x10; // VP8 payload descriptor: S=1, partition 0
  packet[13] = 0x00; // VP8 frame tag: inverse key frame bit 0 = key frame
  filler.copy(packet, 14, 0, PROBE_PAYLOAD_BYTES - 2);
  return packet;
}

export const probePacketBytes = RTP_HEADER_BYTES + PROBE_PAYLOAD_BYTES;
