import type { HandlerTable, RequestHandler } from '../signalling/context.ts';
import { inSession, staffInSession, toOthersInCall } from '../documents/sessionAccess.ts';

const roleOf = (role: string) => (role === 'advisor' ? 'advisor' : 'expert');

const templates: RequestHandler<'form.templates'> = async (ctx) => {
  const { room, me, staff } = staffInSession(ctx);
  return { templates: await ctx.material.forms.templatesFor(room.point.id, staff, roleOf(me.role), new Date()) };
};

const open: RequestHandler<'form.open'> = async (ctx, { templateId }) => {
  const { room, me, session, staff } = staffInSession(ctx);
  const form = await ctx.material.forms.open(templateId, { sessionId: session.id, pointId: room.point.id, staff, role: roleOf(me.role), now: new Date() });
  toOthersInCall(ctx, 'formOpened', { form });
  ctx.log.info({ sessionId: session.id, formId: form.formId, templateId }, 'form opened');
  return form;
};

const list: RequestHandler<'form.list'> = async (ctx) => {
  const { session } = inSession(ctx);
  return { forms: await ctx.material.forms.list(session.id) };
};

/** Customer and staff alike type in the form: both sync. */
const sync: RequestHandler<'form.sync'> = async (ctx, { formId, message }) => {
  const { session } = inSession(ctx);
  const { reply, broadcast } = await ctx.material.forms.sync(formId, session.id, message);
  if (broadcast) toOthersInCall(ctx, 'formUpdated', { formId, update: broadcast });
  return { reply };
};

const awareness: RequestHandler<'form.awareness'> = async (ctx, { formId, update }) => {
  const { session } = inSession(ctx);
  await ctx.material.forms.docs.get(formId, session.id);
  toOthersInCall(ctx, 'formAwareness', { formId, update });
  return {};
};

/** The expert (or advisor) files the matter; the customer sees the receipt. */
const submit: RequestHandler<'form.submit'> = async (ctx, { formId }) => {
  const { me, session } = staffInSession(ctx);
  const result = await ctx.material.forms.submit(formId, { sessionId: session.id, by: me.displayName, now: new Date() });
  if (result.outcome === 'submitted') {
    toOthersInCall(ctx, 'formSubmitted', { form: result.form });
    ctx.log.info({ sessionId: session.id, formId, receiptNumber: result.form.receipt?.receiptNumber }, 'matter submitted');
  }
  return result;
};

export const formHandlers = {
  'form.templates': templates,
  'form.open': open,
  'form.list': list,
  'form.sync': sync,
  'form.awareness': awareness,
  'form.submit': submit,
} satisfies Partial<HandlerTable>;
