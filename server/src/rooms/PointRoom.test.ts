import { describe, expect, it } from 'vitest';
import {
  PeerIdSchema,
  PointSlugSchema,
  ProducerIdSchema,
  RoomIdSchema,
  ServicePointIdSchema,
  type EventName,
  type EventOf,
  type PeerId,
} from '@kanava/shared';
import { PointRoom, type RoomNotifier } from './PointRoom.ts';

interface Sent {
  event: EventName;
  payload: unknown;
  except: PeerId | undefined;
}

function roomWithLog() {
  const sent: Sent[] = [];
  const notifier: RoomNotifier = {
    toRoom<K extends EventName>(_roomId: unknown, event: K, payload: EventOf<K>, except?: PeerId) {
      sent.push({ event, payload, except });
    },
  };
  const point = {
    id: ServicePointIdSchema.parse('sp1'),
    slug: PointSlugSchema.parse('kuhmo'),
    nameFi: 'Kuhmo',
    nameSv: 'Kuhmo',
    municipality: 'Kuhmo',
  };
  return { room: new PointRoom(RoomIdSchema.parse('point-sp1'), point, notifier), sent };
}

const aino = PeerIdSchema.parse('aino');
const mikko = PeerIdSchema.parse('mikko');
const enter = (room: PointRoom, peerId: PeerId, displayName: string) =>
  room.enter({ peerId, displayName, role: 'customer', rtpCapabilities: {} });

describe('a point room', () => {
  it('tells a newcomer who is already there and what they send, and tells the others about the newcomer', () => {
    const { room, sent } = roomWithLog();
    enter(room, aino, 'Aino');
    room.published({ producerId: ProducerIdSchema.parse('cam-a'), peerId: aino, kind: 'video', source: 'camera', paused: false });
    const view = enter(room, mikko, 'Mikko');
    expect(view.peers.map((p) => p.displayName)).toEqual(['Aino']);
    expect(view.producers.map((p) => p.producerId)).toEqual(['cam-a']);
    expect(sent.at(-1)).toMatchObject({ event: 'peerJoined', except: mikko });
  });

  it('refuses the same participant twice', () => {
    const { room } = roomWithLog();
    enter(room, aino, 'Aino');
    expect(() => enter(room, aino, 'Aino')).toThrow(/already/);
  });

  it('refuses a camera that is audio, and a second camera from the same participant', () => {
    const { room } = roomWithLog();
    enter(room, aino, 'Aino');
    expect(() => room.assertMayPublish(aino, 'audio', 'camera')).toThrow(/must be video/);
    room.published({ producerId: ProducerIdSchema.parse('cam-a'), peerId: aino, kind: 'video', source: 'camera', paused: false });
    expect(() => room.assertMayPublish(aino, 'video', 'camera')).toThrow(/already sending camera/);
  });

  it('refuses media to someone not in the room', () => {
    const { room } = roomWithLog();
    expect(() => room.assertMayUseMedia(aino)).toThrow(/not in this room/);
  });

  it('lets only the owner pause its media, and tells the others once', () => {
    const { room, sent } = roomWithLog();
    enter(room, aino, 'Aino');
    enter(room, mikko, 'Mikko');
    const cam = ProducerIdSchema.parse('cam-a');
    room.published({ producerId: cam, peerId: aino, kind: 'video', source: 'camera', paused: false });
    expect(() => room.pauseChanged(mikko, cam, true)).toThrow(/no such media/);
    room.pauseChanged(aino, cam, true);
    room.pauseChanged(aino, cam, true);
    expect(sent.filter((s) => s.event === 'producerPaused')).toHaveLength(1);
  });

  it('forgets everything a participant sent when they leave, and leaving twice is harmless', () => {
    const { room, sent } = roomWithLog();
    enter(room, aino, 'Aino');
    enter(room, mikko, 'Mikko');
    room.published({ producerId: ProducerIdSchema.parse('cam-a'), peerId: aino, kind: 'video', source: 'camera', paused: false });
    room.leave(aino);
    room.leave(aino);
    expect(room.producers()).toEqual([]);
    expect(room.peers().map((p) => p.peerId)).toEqual([mikko]);
    expect(sent.filter((s) => s.event === 'peerLeft')).toHaveLength(1);
  });
});
