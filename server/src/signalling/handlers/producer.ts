import { KanavaError } from '@kanava/shared';
import type { RequestHandler } from '../context.ts';
import { requireJoinedRoom } from './membership.ts';

export const createProducer: RequestHandler<'producer.create'> = async (ctx, req) => {
  const { room, peerId, roomId } = requireJoinedRoom(ctx);
  room.assertMayPublish(peerId, req.kind, req.source);
  const { producerId } = await ctx.sfu.produce({ roomId, peerId, ...req });
  try {
    room.published({ producerId, peerId, kind: req.kind, source: req.source, paused: req.paused });
  } catch (err) {
    // The participant left or published the same source meanwhile: do not leave an orphan producer.
    await ctx.sfu.closeProducer({ roomId, peerId, producerId }).catch(() => undefined);
    throw err;
  }
  return { producerId };
};

export const setProducerPaused: RequestHandler<'producer.setPaused'> = async (ctx, { producerId, paused }) => {
  const { room, peerId, roomId } = requireJoinedRoom(ctx);
  if (!room.ownsMedia(peerId, producerId)) throw new KanavaError('notFound', 'no such media of this participant');
  await ctx.sfu.setProducerPaused({ roomId, peerId, producerId, paused });
  room.pauseChanged(peerId, producerId, paused);
  return {};
};

export const closeProducer: RequestHandler<'producer.close'> = async (ctx, { producerId }) => {
  const { room, peerId, roomId } = requireJoinedRoom(ctx);
  if (!room.ownsMedia(peerId, producerId)) throw new KanavaError('notFound', 'no such media of this participant');
  await ctx.sfu.closeProducer({ roomId, peerId, producerId });
  room.unpublished(producerId);
  return {};
};
