import { z } from 'zod';
import { PeerIdSchema, ServiceSessionIdSchema } from './ids.ts';
import { ParticipantRoleSchema } from './roles.ts';

export const CHAT_MAX_LENGTH = 1000;

/** A chat message's text: plain text (never HTML), trimmed, at most 1000 characters, no control characters but line breaks. */
export const ChatTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(CHAT_MAX_LENGTH)
  .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), 'no control characters');

export const ChatMessageSchema = z.object({
  messageId: z.string().min(1).max(64),
  sessionId: ServiceSessionIdSchema,
  /** Order within the session, from 1, without gaps. */
  seq: z.number().int().positive(),
  senderPeerId: PeerIdSchema,
  senderName: z.string(),
  senderRole: ParticipantRoleSchema,
  text: z.string(),
  sentAt: z.iso.datetime({ offset: true }),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;
