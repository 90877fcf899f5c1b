import { KanavaError, qualityRequests } from '@kanava/shared';
import type { HandlerContext, RequestHandler } from '../signalling/context.ts';
import { requireJoinedRoom } from '../signalling/handlers/membership.ts';

type QualityRequestName = keyof typeof qualityRequests;

/** Sockets whose checks are already closed on disconnect (one listener per socket). */
const cleanedUp = new WeakSet<object>();

function closeChecksOnDisconnect(ctx: HandlerContext): void {
  if (cleanedUp.has(ctx.socket)) return;
  cleanedUp.add(ctx.socket);
  const socketId = ctx.socket.id;
  ctx.socket.once('disconnect', () => {
    ctx.quality.prechecks.closeAllOf(socketId).catch((err: unknown) => ctx.log.warn({ err }, 'closing a connection check failed'));
  });
}

/** The participant this socket is in a room as (lobby or call). */
function member(ctx: HandlerContext) {
  const { roomId, peerId } = ctx.session.joined();
  return { roomId, peerId };
}

const withIce = <T extends object>(ctx: HandlerContext, transport: T) => ({ ...transport, iceServers: ctx.iceServers() });

/** The pre-call check (`precheck.*`, before the lobby) and the call's quality (`quality.*`). */
export const qualityHandlers: { [K in QualityRequestName]: RequestHandler<K> } = {
  'precheck.open': async (ctx, { pointSlug }) => {
    closeChecksOnDisconnect(ctx);
    const { precheckId, probe, plan, policy } = await ctx.quality.prechecks.open(ctx.socket.id, pointSlug);
    return { precheckId, routerRtpCapabilities: probe.rtpCapabilities, send: withIce(ctx, probe.send), recv: withIce(ctx, probe.recv), plan, policy };
  },
  'precheck.connect': async (ctx, { precheckId, transportId, dtlsParameters }) => {
    ctx.quality.prechecks.live(ctx.socket.id, precheckId);
    await ctx.sfu.connectProbe({ probeId: precheckId, transportId, dtlsParameters });
    return {};
  },
  'precheck.upload': async (ctx, { precheckId, rtpParameters }) => {
    ctx.quality.prechecks.live(ctx.socket.id, precheckId);
    return ctx.sfu.probeUpload({ probeId: precheckId, rtpParameters });
  },
  'precheck.uploadResult': async (ctx, { precheckId, path }) => ctx.quality.prechecks.measureUpload(ctx.socket.id, precheckId, path === 'tcp'),
  'precheck.download': async (ctx, { precheckId, rtpCapabilities }) => {
    ctx.quality.prechecks.live(ctx.socket.id, precheckId);
    const consumer = await ctx.sfu.probeDownload({ probeId: precheckId, rtpCapabilities });
    if (consumer.kind !== 'video') throw new KanavaError('internal', 'the probe stream is video');
    return { consumerId: consumer.consumerId, producerId: consumer.producerId, kind: consumer.kind, rtpParameters: consumer.rtpParameters };
  },
  'precheck.downloadRun': async (ctx, { precheckId }) => ctx.quality.prechecks.runDownload(ctx.socket.id, precheckId),
  'precheck.close': async (ctx, { precheckId }) => {
    await ctx.quality.prechecks.close(ctx.socket.id, precheckId);
    return {};
  },
  'quality.submitPrecheck': async (ctx, submission) => {
    const { roomId, peerId } = member(ctx);
    return { precheck: await ctx.quality.submitPrecheck(roomId, peerId, submission) };
  },
  'quality.override': async (ctx, { peerId: customerId, reason }) => {
    const { room, peerId, roomId } = requireJoinedRoom(ctx);
    const me = room.participant(peerId);
    if (me.role === 'customer' || !ctx.staff) throw new KanavaError('forbidden', 'only the point’s staff let a customer in below the minimum');
    const customer = room.participant(customerId);
    if (customer.role !== 'customer' || (customer.state !== 'lobby' && customer.state !== 'admitted')) {
      throw new KanavaError('invalidState', 'only a waiting customer is let in');
    }
    const override = await ctx.quality.override(roomId, customerId, { id: ctx.staff.id, displayName: ctx.staff.displayName }, reason);
    ctx.log.info({ roomId, peerId, customerId }, 'customer below the minimum let in by staff');
    return { override };
  },
  'quality.report': async (ctx, report) => {
    const { roomId, peerId } = member(ctx);
    await ctx.quality.report(roomId, peerId, report);
    return {};
  },
  'quality.roomState': async (ctx) => {
    const { roomId } = member(ctx);
    return ctx.quality.roomState(roomId);
  },
};
