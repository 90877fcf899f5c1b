import type { RequestHandler } from '../context.ts';
import { requireJoinedRoom } from './membership.ts';

export const createConsumer: RequestHandler<'consumer.create'> = async (ctx, { transportId, producerId }) => {
  const { room, roomId, peerId } = requireJoinedRoom(ctx);
  const participant = room.assertMayUseMedia(peerId);
  const media = room.mediaOf(producerId);
  const consumer = await ctx.sfu.consume({
    roomId,
    peerId,
    transportId,
    producerId,
    rtpCapabilities: participant.rtpCapabilities,
  });
  return { ...consumer, peerId: media.peerId, source: media.source };
};

export const resumeConsumer: RequestHandler<'consumer.resume'> = async (ctx, { consumerId }) => {
  const { roomId, peerId } = ctx.session.joined();
  await ctx.sfu.resumeConsumer({ roomId, peerId, consumerId });
  return {};
};
