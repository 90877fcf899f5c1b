import { z } from 'zod';
import { DocumentIdSchema, PeerIdSchema, ServiceIdSchema } from './ids.ts';
import { LocalizedTextSchema } from './forms.ts';

/**
 * PDFs shared in a service session: an upload of the expert or advisor, or a service card.
 * Everyone in the call sees the presenter's page and zoom, and where the presenter points.
 */

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Why an uploaded file was refused; the client shows each in the user's language. */
export const UploadProblemSchema = z.enum(['tooLarge', 'notPdf', 'damaged', 'encrypted', 'empty']);
export type UploadProblem = z.infer<typeof UploadProblemSchema>;

export const DocumentTitleSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !/[\u0000-\u001f\u007f/\\]/.test(s), 'a file name without control characters or slashes');

/** The answer to an upload: the file is checked and held for its uploader until shared. */
export const UploadedDocumentSchema = z.object({ uploadId: DocumentIdSchema, title: z.string(), pages: z.number().int().positive(), size: z.number().int().positive() });
export type UploadedDocument = z.infer<typeof UploadedDocumentSchema>;

export const DocumentViewSchema = z.object({
  documentId: DocumentIdSchema,
  title: z.string(),
  pages: z.number().int().positive(),
  size: z.number().int().nonnegative(),
  source: z.enum(['upload', 'serviceCard']),
  allowDownload: z.boolean(),
  sharedBy: z.string(),
  sharedAt: z.iso.datetime({ offset: true }),
  /** Same-origin link that works only while the service session runs. */
  viewUrl: z.string(),
  downloadUrl: z.string().nullable(),
});
export type DocumentView = z.infer<typeof DocumentViewSchema>;

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 3;
export const ZoomSchema = z.number().min(MIN_ZOOM).max(MAX_ZOOM);

/** Which document, page and zoom the presenter shows; the others follow. */
export const PresentationSchema = z.object({
  documentId: DocumentIdSchema,
  page: z.number().int().positive(),
  zoom: ZoomSchema,
  presenterPeerId: PeerIdSchema,
  presenterName: z.string(),
});
export type Presentation = z.infer<typeof PresentationSchema>;

/** Where the presenter points, as a fraction of the page's width and height (independent of anyone's zoom). */
export const PointerSchema = z.object({ page: z.number().int().positive(), x: z.number().min(0).max(1), y: z.number().min(0).max(1) });
export type Pointer = z.infer<typeof PointerSchema>;

export const ServiceCardChoiceSchema = z.object({ serviceId: ServiceIdSchema, serviceName: LocalizedTextSchema, kind: z.enum(['text', 'pdf']) });
export type ServiceCardChoice = z.infer<typeof ServiceCardChoiceSchema>;

const empty = z.object({}).strict();

export const documentRequests = {
  /** Staff: the service cards of the services offered at this point, to show one to the customer. */
  'document.serviceCards': { request: empty, response: z.object({ cards: z.array(ServiceCardChoiceSchema) }) },
  /** Staff: shows an uploaded PDF or a service card to everyone in the session. */
  'document.share': {
    request: z
      .object({
        source: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('upload'), uploadId: DocumentIdSchema }).strict(),
          z.object({ kind: z.literal('serviceCard'), serviceId: ServiceIdSchema }).strict(),
        ]),
        allowDownload: z.boolean().default(false),
      })
      .strict(),
    response: DocumentViewSchema,
  },
  /** The session's documents and what is being presented (after joining or reconnecting). */
  'document.list': { request: empty, response: z.object({ documents: z.array(DocumentViewSchema), presentation: PresentationSchema.nullable() }) },
  /** Staff: presents a page at a zoom; everyone else follows. */
  'document.present': {
    request: z.object({ documentId: DocumentIdSchema, page: z.number().int().positive(), zoom: ZoomSchema }).strict(),
    response: PresentationSchema,
  },
  /** The presenter's pointer moved (or left the page: null). */
  'document.point': { request: z.object({ pointer: PointerSchema.nullable() }).strict(), response: empty },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export const documentEvents = {
  /** To the call: a document was shared in the session. */
  documentShared: z.object({ document: DocumentViewSchema }),
  /** To the call: the presenter shows this page at this zoom. */
  documentPresented: z.object({ presentation: PresentationSchema }),
  documentPointer: z.object({ peerId: PeerIdSchema, pointer: PointerSchema.nullable() }),
} as const satisfies Record<string, z.ZodType>;
