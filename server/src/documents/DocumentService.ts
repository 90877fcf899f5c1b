import {
  KanavaError,
  type DocumentId,
  type DocumentView,
  type PeerId,
  type Pointer,
  type Presentation,
  type ServiceCardChoice,
  type ServiceId,
  type ServiceSessionId,
  type StaffUser,
} from '@kanava/shared';
import type { Records } from '../records/Records.ts';
import type { DocumentRepository, StoredDocument } from './DocumentRepository.ts';
import type { LinkSigner } from './links.ts';
import { checkPdf } from './pdfCheck.ts';
import { servicesAt } from './sessionAccess.ts';
import { textToPdf } from './textPdf.ts';

const nameOf = (s: { nameFi: string; nameSv: string; nameEn: string }) => ({ fi: s.nameFi, sv: s.nameSv || s.nameFi, en: s.nameEn || s.nameFi });

/**
 * The documents of service sessions and what is being presented in each. The presentation
 * (document, page, zoom, presenter) is kept in memory per running session so that someone who
 * joins or reconnects lands on the page everyone else looks at.
 */
export class DocumentService {
  readonly #repo: DocumentRepository;
  readonly #records: Records;
  readonly #links: LinkSigner;
  readonly #presentations = new Map<ServiceSessionId, Presentation>();

  constructor(repo: DocumentRepository, records: Records, links: LinkSigner) {
    this.#repo = repo;
    this.#records = records;
    this.#links = links;
  }

  get repo(): DocumentRepository {
    return this.#repo;
  }

  view(d: StoredDocument): DocumentView {
    const path = `/api/session-documents/${encodeURIComponent(d.id)}`;
    return {
      documentId: d.id,
      title: d.title,
      pages: d.pages,
      size: d.size,
      source: d.source,
      allowDownload: d.allowDownload,
      sharedBy: d.sharedBy,
      sharedAt: d.sharedAt,
      viewUrl: this.#links.sign('document', d.id, path),
      downloadUrl: d.allowDownload ? this.#links.sign('documentDownload', d.id, `${path}/download`) : null,
    };
  }

  async serviceCards(pointId: Parameters<typeof servicesAt>[1], staff: StaffUser, role: 'expert' | 'advisor', now: Date): Promise<ServiceCardChoice[]> {
    const services = await servicesAt(this.#records, pointId, staff, role, now);
    return services.flatMap((s) => (s.card === 'none' ? [] : [{ serviceId: s.id, serviceName: nameOf(s), kind: s.card }]));
  }

  async shareUpload(uploadId: DocumentId, s: { sessionId: ServiceSessionId; staff: StaffUser; allowDownload: boolean; now: Date }): Promise<DocumentView> {
    const shared = await this.#repo.shareUpload(uploadId, { sessionId: s.sessionId, by: s.staff.id, byName: s.staff.displayName, allowDownload: s.allowDownload, now: s.now });
    if (!shared) throw new KanavaError('notFound', 'no such upload of yours waiting to be shared');
    return this.view(shared);
  }

  async shareServiceCard(
    serviceId: ServiceId,
    s: { sessionId: ServiceSessionId; pointId: Parameters<typeof servicesAt>[1]; staff: StaffUser; role: 'expert' | 'advisor'; allowDownload: boolean; now: Date },
  ): Promise<DocumentView> {
    const service = (await servicesAt(this.#records, s.pointId, s.staff, s.role, s.now)).find((x) => x.id === serviceId);
    if (!service) throw new KanavaError('notFound', 'no such service at this point for you');
    const title = `${service.nameFi} – palvelukortti`;
    let bytes: Uint8Array;
    if (service.card === 'pdf') {
      const pdf = await this.#records.repos.services.cardPdf(serviceId);
      if (!pdf) throw new KanavaError('notFound', 'the service has no service card');
      bytes = pdf.bytes;
    } else {
      const card = await this.#records.repos.services.card(serviceId);
      if (card.kind !== 'text') throw new KanavaError('notFound', 'the service has no service card');
      bytes = await textToPdf(title, card.text);
    }
    const checked = await checkPdf(bytes, Number.MAX_SAFE_INTEGER);
    if (!checked.ok) throw new KanavaError('badRequest', `the service card cannot be shown (${checked.problem})`);
    const stored = await this.#repo.shareCopy({ sessionId: s.sessionId, serviceId, title, bytes, pages: checked.pages, sha256: checked.sha256, byName: s.staff.displayName, allowDownload: s.allowDownload, now: s.now });
    return this.view(stored);
  }

  async list(sessionId: ServiceSessionId): Promise<{ documents: DocumentView[]; presentation: Presentation | null }> {
    const documents = (await this.#repo.listForSession(sessionId)).map((d) => this.view(d));
    return { documents, presentation: this.#presentations.get(sessionId) ?? null };
  }

  async present(sessionId: ServiceSessionId, p: { documentId: DocumentId; page: number; zoom: number; presenter: { peerId: PeerId; name: string } }): Promise<Presentation> {
    const doc = await this.#repo.get(p.documentId);
    if (!doc || doc.sessionId !== sessionId) throw new KanavaError('notFound', 'no such document in this service session');
    if (p.page > doc.pages) throw new KanavaError('badRequest', `the document has ${doc.pages} pages`);
    const presentation: Presentation = { documentId: p.documentId, page: p.page, zoom: p.zoom, presenterPeerId: p.presenter.peerId, presenterName: p.presenter.name };
    this.#presentations.set(sessionId, presentation);
    return presentation;
  }

  /** Only the one presenting points; the pointer must be on the page being shown. */
  assertMayPoint(sessionId: ServiceSessionId, peerId: PeerId, pointer: Pointer | null): void {
    const presentation = this.#presentations.get(sessionId);
    if (!presentation || presentation.presenterPeerId !== peerId) throw new KanavaError('invalidState', 'only the presenter points');
    if (pointer && pointer.page !== presentation.page) throw new KanavaError('badRequest', 'point on the page being shown');
  }

  sessionEnded(sessionId: ServiceSessionId): void {
    this.#presentations.delete(sessionId);
  }
}
