import type { Db, DbOrTx } from '../db/database.ts';
import { AccountRepository } from '../db/AccountRepository.ts';
import { AgreementRepository } from '../db/AgreementRepository.ts';
import { AuditLog } from '../db/AuditLog.ts';
import { ChecklistRepository } from '../db/ChecklistRepository.ts';
import { ProviderRepository } from '../db/ProviderRepository.ts';
import { ServicePointRepository } from '../db/ServicePointRepository.ts';
import { ServiceRepository } from '../db/ServiceRepository.ts';
import { SessionRepository } from '../db/SessionRepository.ts';
import { KioskCheckRepository } from './points/KioskCheckRepository.ts';

/** Every repository, bound to one database handle or one transaction. */
export interface Repos {
  points: ServicePointRepository;
  providers: ProviderRepository;
  services: ServiceRepository;
  agreements: AgreementRepository;
  accounts: AccountRepository;
  sessions: SessionRepository;
  audit: AuditLog;
  checklist: ChecklistRepository;
  kioskChecks: KioskCheckRepository;
}

function reposOn(db: DbOrTx): Repos {
  return {
    points: new ServicePointRepository(db),
    providers: new ProviderRepository(db),
    services: new ServiceRepository(db),
    agreements: new AgreementRepository(db),
    accounts: new AccountRepository(db),
    sessions: new SessionRepository(db),
    audit: new AuditLog(db),
    checklist: new ChecklistRepository(db),
    kioskChecks: new KioskCheckRepository(db),
  };
}

/**
 * The records store. Reads go through `repos`; a change and its audit entry go through
 * `transaction`, so a failure leaves nothing half-written.
 */
export class Records {
  readonly db: Db;
  readonly repos: Repos;

  constructor(db: Db) {
    this.db = db;
    this.repos = reposOn(db);
  }

  transaction<T>(work: (r: Repos) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(reposOn(trx)));
  }
}
