import { KanavaError } from '@kanava/shared';
import type { RequestHandler } from '../context.ts';
import { requireJoinedRoom } from './membership.ts';

/** Chat belongs to the service session: only those in the call, only while a customer is being served. */
function chatSession(ctx: Parameters<RequestHandler<'chat.send'>>[0]) {
  const { room, peerId } = requireJoinedRoom(ctx);
  const me = room.assertMayUseMedia(peerId);
  const session = room.session;
  if (!session) throw new KanavaError('invalidState', 'the chat opens when a customer is admitted');
  return { room, me, session };
}

export const sendChat: RequestHandler<'chat.send'> = async (ctx, { text }) => {
  const { room, me, session } = chatSession(ctx);
  const message = await ctx.chat.append({
    sessionId: session.id,
    senderPeerId: me.peerId,
    senderName: me.displayName,
    senderRole: me.role,
    text,
    sentAt: new Date(),
  });
  room.chatPosted(message);
  return message;
};

export const chatHistory: RequestHandler<'chat.history'> = async (ctx) => {
  const { session } = chatSession(ctx);
  return { messages: await ctx.chat.history(session.id) };
};
