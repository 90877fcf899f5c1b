import { z } from 'zod';
import { FormInstanceIdSchema, FormTemplateIdSchema, MatterIdSchema, ServiceIdSchema } from './ids.ts';

/**
 * Form templates (defined per service by provider admins) and their filled-in copies in a
 * service session. The values live in a Yjs document (see `formDoc`); this file holds the
 * shapes and the rules every value must meet, checked alike in the browser and on submit.
 */

export const FORM_FIELD_TYPES = ['text', 'multiline', 'number', 'date', 'choice', 'checkbox', 'personalIdentityCode'] as const;
export const FormFieldTypeSchema = z.enum(FORM_FIELD_TYPES);
export type FormFieldType = z.infer<typeof FormFieldTypeSchema>;

const noControl = (s: string) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s);
const label = (max: number) => z.string().trim().max(max).refine(noControl, 'no control characters');

/** A text in the three languages; Finnish is required, Swedish and English fall back to it. */
export const LocalizedTextSchema = z.object({ fi: label(300).pipe(z.string().min(1, 'required')), sv: label(300), en: label(300) });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
export const OptionalLocalizedTextSchema = z.object({ fi: label(1000), sv: label(1000), en: label(1000) });
export type OptionalLocalizedText = z.infer<typeof OptionalLocalizedTextSchema>;

export type Lang = 'fi' | 'sv' | 'en';
export function localized(t: { fi: string; sv: string; en: string }, lang: string): string {
  const l: Lang = lang === 'sv' || lang === 'en' ? lang : 'fi';
  return t[l] || t.fi;
}

export const FieldIdSchema = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'a letter, then letters and digits (at most 40)');

/** Longest value of each field type, in characters. */
export const FIELD_MAX_LENGTH: Record<FormFieldType, number> = {
  text: 200,
  multiline: 4000,
  number: 30,
  date: 10,
  choice: 40,
  checkbox: 5,
  personalIdentityCode: 11,
};

export const FormFieldSchema = z
  .object({
    id: FieldIdSchema,
    type: FormFieldTypeSchema,
    label: LocalizedTextSchema,
    help: OptionalLocalizedTextSchema.default({ fi: '', sv: '', en: '' }),
    required: z.boolean().default(false),
    /** The answers of a choice field. */
    options: z.array(z.object({ value: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'), label: LocalizedTextSchema })).max(30).default([]),
    /** The AcroForm field of the provider's PDF that receives this value, if any. */
    pdfField: z.string().trim().min(1).max(200).nullable().default(null),
  })
  .refine((f) => f.type !== 'choice' || f.options.length >= 2, { message: 'a choice needs at least two answers', path: ['options'] })
  .refine((f) => new Set(f.options.map((o) => o.value)).size === f.options.length, { message: 'each answer only once', path: ['options'] });
export type FormField = z.infer<typeof FormFieldSchema>;

export const FormFieldsSchema = z
  .array(FormFieldSchema)
  .min(1, 'at least one field')
  .max(60)
  .refine((fields) => new Set(fields.map((f) => f.id)).size === fields.length, 'each field id only once');

/** What a provider admin sends to create or change a template. */
export const FormTemplateInputSchema = z.object({
  name: LocalizedTextSchema,
  fields: FormFieldsSchema,
});
export type FormTemplateInput = z.infer<typeof FormTemplateInputSchema>;

export const FormTemplateSchema = z.object({
  id: FormTemplateIdSchema,
  serviceId: ServiceIdSchema,
  name: LocalizedTextSchema,
  fields: z.array(FormFieldSchema),
  /** The provider's own PDF form, whose AcroForm fields the template's fields may fill. */
  pdfForm: z.object({ fileName: z.string(), fieldNames: z.array(z.string()) }).nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type FormTemplate = z.infer<typeof FormTemplateSchema>;
export const MAX_FORM_PDF_BYTES = 5 * 1024 * 1024;

/** A field's value as the Yjs document holds it: text for the typed fields, true/false for a checkbox. */
export type FieldValue = string | boolean;
export type FormValues = Record<string, FieldValue>;

export const FIELD_ERROR_CODES = ['required', 'tooLong', 'notNumber', 'notDate', 'notChoice', 'identityCode'] as const;
export const FieldErrorCodeSchema = z.enum(FIELD_ERROR_CODES);
export type FieldErrorCode = z.infer<typeof FieldErrorCodeSchema>;
export const FormFieldErrorSchema = z.object({ fieldId: z.string(), code: FieldErrorCodeSchema });
export type FormFieldError = z.infer<typeof FormFieldErrorSchema>;

export const FormStateSchema = z.enum(['editing', 'submitted']);
export type FormState = z.infer<typeof FormStateSchema>;

/** What the customer keeps: proof that the matter was filed, and the hash of exactly what was filed. */
export const ReceiptSchema = z.object({
  matterId: MatterIdSchema,
  receiptNumber: z.string(),
  submittedAt: z.iso.datetime({ offset: true }),
  serviceName: LocalizedTextSchema,
  formName: LocalizedTextSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The printable receipt PDF and the filed PDF; links work while the service session runs. */
  receiptUrl: z.string(),
  matterUrl: z.string(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** A form instance of the current service session as everyone in the call sees it. */
export const FormInstanceViewSchema = z.object({
  formId: FormInstanceIdSchema,
  templateId: FormTemplateIdSchema,
  name: LocalizedTextSchema,
  serviceName: LocalizedTextSchema,
  fields: z.array(FormFieldSchema),
  state: FormStateSchema,
  receipt: ReceiptSchema.nullable(),
  openedAt: z.iso.datetime({ offset: true }),
});
export type FormInstanceView = z.infer<typeof FormInstanceViewSchema>;

export const FormTemplateChoiceSchema = z.object({ templateId: FormTemplateIdSchema, name: LocalizedTextSchema, serviceName: LocalizedTextSchema });
export type FormTemplateChoice = z.infer<typeof FormTemplateChoiceSchema>;

/**
 * How values sit in the form's Yjs document: each typed field is a Y.Text (so two people
 * typing in it at once both keep their characters), checkboxes and choices sit in one Y.Map
 * (the last click wins: there is nothing to merge in a click).
 */
export const formDoc = {
  textKey: (fieldId: string) => `field:${fieldId}`,
  choicesKey: 'choices',
  isText: (type: FormFieldType) => type !== 'checkbox' && type !== 'choice',
};
