import type { HandlerTable, RequestHandler } from '../signalling/context.ts';
import { inSession, staffInSession, toOthersInCall } from './sessionAccess.ts';

const serviceCards: RequestHandler<'document.serviceCards'> = async (ctx) => {
  const { room, me, staff } = staffInSession(ctx);
  const role = me.role === 'advisor' ? 'advisor' : 'expert';
  return { cards: await ctx.material.documents.serviceCards(room.point.id, staff, role, new Date()) };
};

const share: RequestHandler<'document.share'> = async (ctx, { source, allowDownload }) => {
  const { room, me, session, staff } = staffInSession(ctx);
  const now = new Date();
  const docs = ctx.material.documents;
  const document =
    source.kind === 'upload'
      ? await docs.shareUpload(source.uploadId, { sessionId: session.id, staff, allowDownload, now })
      : await docs.shareServiceCard(source.serviceId, { sessionId: session.id, pointId: room.point.id, staff, role: me.role === 'advisor' ? 'advisor' : 'expert', allowDownload, now });
  toOthersInCall(ctx, 'documentShared', { document });
  ctx.log.info({ sessionId: session.id, documentId: document.documentId, source: source.kind }, 'document shared');
  return document;
};

const list: RequestHandler<'document.list'> = async (ctx) => {
  const { session } = inSession(ctx);
  return ctx.material.documents.list(session.id);
};

const present: RequestHandler<'document.present'> = async (ctx, { documentId, page, zoom }) => {
  const { me, session } = staffInSession(ctx);
  const presentation = await ctx.material.documents.present(session.id, { documentId, page, zoom, presenter: { peerId: me.peerId, name: me.displayName } });
  toOthersInCall(ctx, 'documentPresented', { presentation });
  return presentation;
};

const point: RequestHandler<'document.point'> = async (ctx, { pointer }) => {
  const { me, session } = staffInSession(ctx);
  ctx.material.documents.assertMayPoint(session.id, me.peerId, pointer);
  toOthersInCall(ctx, 'documentPointer', { peerId: me.peerId, pointer });
  return {};
};

export const documentHandlers = {
  'document.serviceCards': serviceCards,
  'document.share': share,
  'document.list': list,
  'document.present': present,
  'document.point': point,
} satisfies Partial<HandlerTable>;
