import { randomUUID } from 'node:crypto';
import { DocumentIdSchema, ServiceSessionIdSchema, type DocumentId, type ServiceId, type ServiceSessionId, type StaffUserId } from '@kanava/shared';
import type { Db } from '../db/database.ts';
import type { SessionDocumentTable } from './tables.ts';

export interface StoredDocument {
  id: DocumentId;
  sessionId: ServiceSessionId | null;
  source: 'upload' | 'serviceCard';
  title: string;
  pages: number;
  size: number;
  allowDownload: boolean;
  sharedBy: string;
  sharedAt: string;
}

/** Unshared uploads are kept this long for their uploader, then deleted. */
const UPLOAD_KEEP_MS = 24 * 60 * 60 * 1000;

/** PDFs of service sessions: uploads waiting to be shared, and the documents each session has seen. */
export class DocumentRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Keeps a checked upload for its uploader until they share it in their session. */
  async holdUpload(u: { title: string; bytes: Uint8Array; pages: number; sha256: string; by: StaffUserId; now: Date }): Promise<DocumentId> {
    await this.#db
      .deleteFrom('session_document')
      .where('session_id', 'is', null)
      .where('created_at', '<', new Date(u.now.getTime() - UPLOAD_KEEP_MS).toISOString())
      .execute();
    const id = DocumentIdSchema.parse(randomUUID());
    await this.#db
      .insertInto('session_document')
      .values({
        id,
        session_id: null,
        uploaded_by_account_id: u.by,
        source: 'upload',
        service_id: null,
        title: u.title,
        pages: u.pages,
        size: u.bytes.byteLength,
        sha256: u.sha256,
        pdf_base64: Buffer.from(u.bytes).toString('base64'),
        allow_download: 0,
        shared_by_name: null,
        shared_at: null,
        created_at: u.now.toISOString(),
      })
      .execute();
    return id;
  }

  /** Moves the uploader's own held upload into the session; undefined when it is not theirs or already shared. */
  async shareUpload(id: DocumentId, s: { sessionId: ServiceSessionId; by: StaffUserId; byName: string; allowDownload: boolean; now: Date }): Promise<StoredDocument | undefined> {
    const result = await this.#db
      .updateTable('session_document')
      .set({ session_id: s.sessionId, shared_by_name: s.byName, shared_at: s.now.toISOString(), allow_download: s.allowDownload ? 1 : 0 })
      .where('id', '=', id)
      .where('session_id', 'is', null)
      .where('uploaded_by_account_id', '=', s.by)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return this.get(id);
  }

  /** Stores a copy of a service card in the session (a later edit of the card does not change what was shown). */
  async shareCopy(d: { sessionId: ServiceSessionId; serviceId: ServiceId; title: string; bytes: Uint8Array; pages: number; sha256: string; byName: string; allowDownload: boolean; now: Date }): Promise<StoredDocument> {
    const id = DocumentIdSchema.parse(randomUUID());
    const at = d.now.toISOString();
    await this.#db
      .insertInto('session_document')
      .values({
        id,
        session_id: d.sessionId,
        uploaded_by_account_id: null,
        source: 'serviceCard',
        service_id: d.serviceId,
        title: d.title,
        pages: d.pages,
        size: d.bytes.byteLength,
        sha256: d.sha256,
        pdf_base64: Buffer.from(d.bytes).toString('base64'),
        allow_download: d.allowDownload ? 1 : 0,
        shared_by_name: d.byName,
        shared_at: at,
        created_at: at,
      })
      .execute();
    const stored = await this.get(id);
    if (!stored) throw new Error('document vanished after insert');
    return stored;
  }

  async listForSession(sessionId: ServiceSessionId): Promise<StoredDocument[]> {
    const rows = await this.#db.selectFrom('session_document').selectAll().where('session_id', '=', sessionId).orderBy('shared_at').execute();
    return rows.map(toStored);
  }

  async get(id: DocumentId): Promise<StoredDocument | undefined> {
    const row = await this.#db.selectFrom('session_document').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toStored(row) : undefined;
  }

  /** The bytes of a document shared in a session that has not ended; undefined otherwise. */
  async contentWhileSessionRuns(id: DocumentId): Promise<{ title: string; bytes: Buffer; allowDownload: boolean } | undefined> {
    const row = await this.#db
      .selectFrom('session_document')
      .innerJoin('service_session', 'service_session.id', 'session_document.session_id')
      .select(['session_document.title', 'session_document.pdf_base64', 'session_document.allow_download'])
      .where('session_document.id', '=', id)
      .where('service_session.ended_at', 'is', null)
      .executeTakeFirst();
    return row ? { title: row.title, bytes: Buffer.from(row.pdf_base64, 'base64'), allowDownload: row.allow_download === 1 } : undefined;
  }
}

function toStored(row: SessionDocumentTable): StoredDocument {
  return {
    id: DocumentIdSchema.parse(row.id),
    sessionId: row.session_id === null ? null : ServiceSessionIdSchema.parse(row.session_id),
    source: row.source === 'serviceCard' ? 'serviceCard' : 'upload',
    title: row.title,
    pages: Number(row.pages),
    size: Number(row.size),
    allowDownload: Number(row.allow_download) === 1,
    sharedBy: row.shared_by_name ?? '',
    sharedAt: row.shared_at ?? row.created_at,
  };
}
