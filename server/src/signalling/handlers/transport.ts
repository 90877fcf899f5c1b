import type { RequestHandler } from '../context.ts';

export const createTransport: RequestHandler<'transport.create'> = async (ctx, { direction }) => {
  const { roomId, peerId } = ctx.session.joined();
  ctx.rooms.get(roomId)?.assertMayUseMedia(peerId);
  const info = await ctx.sfu.createTransport({ roomId, peerId, direction });
  return { ...info, iceServers: [] };
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
