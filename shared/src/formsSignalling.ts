import { z } from 'zod';
import { FormInstanceIdSchema, FormTemplateIdSchema } from './ids.ts';
import { FormFieldErrorSchema, FormInstanceViewSchema, FormTemplateChoiceSchema } from './forms.ts';

/** The longest Yjs sync or awareness message accepted (a whole form's state fits many times over). */
export const MAX_YJS_MESSAGE_BYTES = 128 * 1024;

/**
 * A binary Yjs message. Node's socket.io hands it over as a Buffer (a Uint8Array), the
 * browser's as an ArrayBuffer: both become a Uint8Array, and nothing larger than the cap passes.
 */
export const YjsMessageSchema = z
  .union([z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'binary data'), z.instanceof(ArrayBuffer).transform((b): Uint8Array => new Uint8Array(b))])
  .refine((b) => b.byteLength > 0 && b.byteLength <= MAX_YJS_MESSAGE_BYTES, `1 to ${MAX_YJS_MESSAGE_BYTES} bytes`);

const empty = z.object({}).strict();

export const formRequests = {
  /** Staff: the form templates of the services they may serve at this point. */
  'form.templates': { request: empty, response: z.object({ templates: z.array(FormTemplateChoiceSchema) }) },
  /** Staff: opens a new form of a template in the session; everyone in the call gets it. */
  'form.open': { request: z.object({ templateId: FormTemplateIdSchema }).strict(), response: FormInstanceViewSchema },
  /** The session's forms (after joining or reconnecting). */
  'form.list': { request: empty, response: z.object({ forms: z.array(FormInstanceViewSchema) }) },
  /**
   * A y-protocols sync message (step 1, step 2 or update). The answer carries the server's
   * reply, if the message asks for one (step 1 → step 2 with what the sender lacks).
   */
  'form.sync': {
    request: z.object({ formId: FormInstanceIdSchema, message: YjsMessageSchema }).strict(),
    response: z.object({ reply: YjsMessageSchema.nullable() }),
  },
  /** A y-protocols awareness update (who is typing where), relayed to the others. */
  'form.awareness': { request: z.object({ formId: FormInstanceIdSchema, update: YjsMessageSchema }).strict(), response: empty },
  /** Files the matter: the values are checked, the PDF made and stored, the receipt given; after it the form is read-only. */
  'form.submit': {
    request: z.object({ formId: FormInstanceIdSchema }).strict(),
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('invalid'), errors: z.array(FormFieldErrorSchema) }),
      z.object({ outcome: z.literal('submitted'), form: FormInstanceViewSchema }),
    ]),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export const formEvents = {
  /** To the call: a form was opened in the session. */
  formOpened: z.object({ form: FormInstanceViewSchema }),
  /** To the call: a Yjs update of a form (someone typed). */
  formUpdated: z.object({ formId: FormInstanceIdSchema, update: YjsMessageSchema }),
  formAwareness: z.object({ formId: FormInstanceIdSchema, update: YjsMessageSchema }),
  /** To the call: the matter was filed; the form is read-only and has its receipt. */
  formSubmitted: z.object({ form: FormInstanceViewSchema }),
} as const satisfies Record<string, z.ZodType>;
