import type { RequestHandler } from '../context.ts';
import { requireJoinedRoom } from './membership.ts';

export const createTransport: RequestHandler<'transport.create'> = async (ctx, { direction }) => {
  const { room, roomId, peerId } = requireJoinedRoom(ctx);
  room.assertMayUseMedia(peerId);
  // The measured download (pre-call check) is where the SFU's estimate towards the participant starts: 720p comes at once.
  const downlink = direction === 'recv' ? ctx.quality.measuredDownlink(roomId, peerId) : undefined;
  const info = await ctx.sfu.createTransport({ roomId, peerId, direction, ...(downlink ? { downlink } : {}) });
  return { ...info, iceServers: ctx.iceServers() };
};

export const connectTransport: RequestHandler<'transport.connect'> = async (ctx, { transportId, dtlsParameters }) => {
  const { roomId, peerId } = ctx.session.joined();
  await ctx.sfu.connectTransport({ roomId, peerId, transportId, dtlsParameters });
  return {};
};

export const restartIce: RequestHandler<'transport.restartIce'> = async (ctx, { transportId }) => {
  const { roomId, peerId } = ctx.session.joined();
  return { iceParameters: await ctx.sfu.restartIce({ roomId, peerId, transportId }) };
};
