import { z } from 'zod';

/** Environment variables of documents and forms (merged into the server's schema). */
export const documentsEnvShape = {
  /**
   * The key that signs the links to a session's PDFs. Every server node must use the same one
   * (a link handed out by one node is opened through another); without it the key is made once
   * and kept in the database, which all nodes on one database share.
   */
  KANAVA_DOCUMENT_LINK_KEY: z
    .string()
    .refine((v) => Buffer.byteLength(v, 'utf8') >= 32, 'at least 32 bytes, e.g. the output of `openssl rand -base64 48`')
    .optional(),
};

export interface DocumentsConfig {
  /** Undefined: the key stored in the database (made on first start). */
  linkKey: Buffer | undefined;
}

type DocumentsEnv = z.infer<z.ZodObject<typeof documentsEnvShape>>;

export function documentsConfigFrom(e: DocumentsEnv): DocumentsConfig {
  return { linkKey: e.KANAVA_DOCUMENT_LINK_KEY === undefined ? undefined : Buffer.from(e.KANAVA_DOCUMENT_LINK_KEY, 'utf8') };
}
