import type { ConsumerId, MediaKind, MediaSource, PeerId, ProducerId, RoomId } from '@kanava/shared';

/**
 * What the SFU sees of one participant's media at one moment. Rates are in kbit/s as
 * mediasoup counts them (UDP payload over its one-second window); scores are mediasoup's
 * 0–10 stream scores (10: nothing lost).
 */
export interface SfuPeerQuality {
  peerId: PeerId;
  /** Media arriving from the participant; null when they have no send transport. */
  send: {
    recvKbps: number;
    /** Share of RTP packets lost on the way in (0–100), when mediasoup knows it. */
    lossPct: number | null;
    producers: SfuProducerQuality[];
  } | null;
  /** Media the SFU sends to the participant; null when they have no receive transport. */
  recv: {
    sendKbps: number;
    /** mediasoup's bandwidth estimate towards the participant (transport-wide congestion control). */
    availableOutgoingKbps: number | null;
    consumers: SfuConsumerQuality[];
  } | null;
  /** Round-trip time from the participant's receiver reports, when any. */
  rttMs: number | null;
}

export interface SfuProducerQuality {
  producerId: ProducerId;
  kind: MediaKind;
  source: MediaSource;
  paused: boolean;
  /** Lowest score of the streams that are arriving (a simulcast layer the browser switched off does not count). */
  score: number | null;
  streams: Array<{ rid: string | null; kbps: number; score: number }>;
}

export interface SfuConsumerQuality {
  consumerId: ConsumerId;
  producerId: ProducerId;
  kind: MediaKind;
  score: number;
  producerScore: number;
  /** The simulcast layer being forwarded (null: not a layered stream, or nothing forwarded yet). */
  spatialLayer: number | null;
  temporalLayer: number | null;
  kbps: number;
}

export interface SfuQualityEvents {
  /** Every sample period, for each live room: what the SFU measured of each participant. */
  qualitySampled: { roomId: RoomId; at: number; peers: SfuPeerQuality[] };
}
