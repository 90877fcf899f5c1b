import { ApiErrorBodySchema, KanavaError, UploadProblemSchema, UploadedDocumentSchema, type DocumentId, type DocumentView, type PeerId, type Pointer, type Presentation, type ServiceCardChoice, type ServiceId, type UploadProblem } from '@kanava/shared';
import type { SignallingClient } from '../call/SignallingClient.ts';
import { MaterialStore, type SessionWatch } from './MaterialStore.ts';

export interface DocumentsSnapshot {
  documents: DocumentView[];
  presentation: Presentation | null;
  /** Where the presenter points now (null: not on the page). */
  pointer: { peerId: PeerId; pointer: Pointer } | null;
}

/** Why an upload failed: a reason the user can act on, or the network/server. */
export type UploadFailure = { kind: 'refused'; problem: UploadProblem } | { kind: 'failed' };

const POINTER_INTERVAL_MS = 50;

/**
 * The documents of the current service session on this device: what was shared, what the
 * presenter shows and where they point. Staff upload, share and present; everyone follows.
 */
export class SessionDocuments extends MaterialStore<DocumentsSnapshot> {
  readonly #signalling: SignallingClient;
  #lastPointerAt = 0;
  #pendingPointer: ReturnType<typeof setTimeout> | undefined;

  constructor(signalling: SignallingClient, watch: SessionWatch) {
    super({ documents: [], presentation: null, pointer: null }, watch);
    this.#signalling = signalling;
    this.listen(
      signalling.on('documentShared', ({ document }) => this.#add(document)),
      signalling.on('documentPresented', ({ presentation }) => this.update({ presentation, pointer: null })),
      signalling.on('documentPointer', ({ peerId, pointer }) => this.update({ pointer: pointer ? { peerId, pointer } : null })),
    );
  }

  protected override async load(): Promise<void> {
    const { documents, presentation } = await this.#signalling.request('document.list', {});
    this.update({ documents, presentation, pointer: null });
  }

  protected override clear(): void {
    this.update({ documents: [], presentation: null, pointer: null });
  }

  serviceCards(): Promise<ServiceCardChoice[]> {
    return this.#signalling.request('document.serviceCards', {}).then((r) => r.cards);
  }

  /** Uploads a PDF over HTTP (the socket is kept free for the call), then shares it in the session. */
  async upload(file: File, allowDownload: boolean): Promise<UploadFailure | undefined> {
    let res: Response;
    try {
      res = await fetch(`/api/session-documents/uploads?name=${encodeURIComponent(file.name)}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/pdf' }, body: file });
    } catch {
      return { kind: 'failed' };
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const err = ApiErrorBodySchema.safeParse(body);
      const problem = UploadProblemSchema.safeParse(err.success ? err.data.error.fields?.find((f) => f.path === 'file')?.message : undefined);
      if (problem.success) return { kind: 'refused', problem: problem.data };
      return res.status === 413 ? { kind: 'refused', problem: 'tooLarge' } : { kind: 'failed' };
    }
    const uploaded = UploadedDocumentSchema.safeParse(body);
    if (!uploaded.success) return { kind: 'failed' };
    return this.#share({ kind: 'upload', uploadId: uploaded.data.uploadId }, allowDownload);
  }

  shareServiceCard(serviceId: ServiceId, allowDownload: boolean): Promise<UploadFailure | undefined> {
    return this.#share({ kind: 'serviceCard', serviceId }, allowDownload);
  }

  async present(documentId: DocumentId, page: number, zoom: number): Promise<void> {
    const presentation = await this.#signalling.request('document.present', { documentId, page, zoom });
    this.update({ presentation });
  }

  /** Sends the pointer at most every 50 ms; the last position always goes out. */
  point(pointer: Pointer | null): void {
    if (this.#pendingPointer) clearTimeout(this.#pendingPointer);
    const wait = Math.max(0, this.#lastPointerAt + POINTER_INTERVAL_MS - Date.now());
    this.#pendingPointer = setTimeout(() => {
      this.#lastPointerAt = Date.now();
      this.#signalling.request('document.point', { pointer }).catch(() => undefined);
    }, wait);
  }

  async #share(source: { kind: 'upload'; uploadId: DocumentId } | { kind: 'serviceCard'; serviceId: ServiceId }, allowDownload: boolean): Promise<UploadFailure | undefined> {
    try {
      const document = await this.#signalling.request('document.share', { source, allowDownload });
      this.#add(document);
      await this.present(document.documentId, 1, 1);
      return undefined;
    } catch (err) {
      return err instanceof KanavaError && err.code === 'badRequest' ? { kind: 'refused', problem: 'damaged' } : { kind: 'failed' };
    }
  }

  #add(document: DocumentView): void {
    if (this.snapshot.documents.some((d) => d.documentId === document.documentId)) return;
    this.update({ documents: [...this.snapshot.documents, document] });
  }
}
