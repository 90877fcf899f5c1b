import type { ServiceSessionId } from '@kanava/shared';
import type { StaffAuthenticator } from '../access/AccessPolicy.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { Records } from '../records/Records.ts';
import { FormInstanceRepository } from '../forms/FormInstanceRepository.ts';
import { FormService } from '../forms/FormService.ts';
import { materialRoutes } from './routes.ts';
import { DocumentRepository } from './DocumentRepository.ts';
import { DocumentService } from './DocumentService.ts';
import { LinkSigner } from './links.ts';

/** Documents and forms of service sessions: what the signalling handlers and the HTTP routes share. */
export interface SessionMaterial {
  documents: DocumentService;
  forms: FormService;
  links: LinkSigner;
  /** The service session ended: presentations are forgotten and form states stored. */
  sessionEnded(sessionId: ServiceSessionId): Promise<void>;
  close(): Promise<void>;
}

export function createSessionMaterial(deps: { db: Db; records: Records; log: Logger; linkKey: Buffer }): SessionMaterial {
  const links = new LinkSigner({ key: deps.linkKey });
  const documents = new DocumentService(new DocumentRepository(deps.db), deps.records, links);
  const forms = new FormService(deps.records, new FormInstanceRepository(deps.db), links, deps.log.child({ component: 'forms' }));
  return {
    documents,
    forms,
    links,
    async sessionEnded(sessionId) {
      documents.sessionEnded(sessionId);
      await forms.docs.sessionEnded(sessionId);
    },
    close: () => forms.docs.flushAll(),
  };
}

/** The HTTP side: uploads, the signed links to session PDFs, and the provider admins' form templates. */
export function createMaterialRouter(deps: { material: SessionMaterial; records: Records; staff: StaffAuthenticator; log: Logger }) {
  return materialRoutes(deps);
}
