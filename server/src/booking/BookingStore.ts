import type { Db, DbOrTx } from '../db/database.ts';
import { AccountRepository } from '../db/AccountRepository.ts';
import { AgreementRepository } from '../db/AgreementRepository.ts';
import { AuditLog } from '../db/AuditLog.ts';
import { ServicePointRepository } from '../db/ServicePointRepository.ts';
import { ServiceRepository } from '../db/ServiceRepository.ts';
import { ProviderRepository } from '../db/ProviderRepository.ts';
import { ArrivalRepository } from './ArrivalRepository.ts';
import { BookableTimeRepository } from './BookableTimeRepository.ts';
import { BookingMailRepository } from './BookingMailRepository.ts';
import { BookingRepository } from './BookingRepository.ts';
import { BookingLinkRepository } from './links/BookingLinkRepository.ts';

/** The repositories a booking step may use, bound to one handle or one transaction. */
export interface BookingRepos {
  times: BookableTimeRepository;
  bookings: BookingRepository;
  arrivals: ArrivalRepository;
  mail: BookingMailRepository;
  links: BookingLinkRepository;
  points: ServicePointRepository;
  providers: ProviderRepository;
  services: ServiceRepository;
  agreements: AgreementRepository;
  accounts: AccountRepository;
  audit: AuditLog;
}

function reposOn(db: DbOrTx): BookingRepos {
  return {
    times: new BookableTimeRepository(db),
    bookings: new BookingRepository(db),
    arrivals: new ArrivalRepository(db),
    mail: new BookingMailRepository(db),
    links: new BookingLinkRepository(db),
    points: new ServicePointRepository(db),
    providers: new ProviderRepository(db),
    services: new ServiceRepository(db),
    agreements: new AgreementRepository(db),
    accounts: new AccountRepository(db),
    audit: new AuditLog(db),
  };
}

/** The booking service's store: reads through `repos`, each change (with its audit entry and mail) in one transaction. */
export class BookingStore {
  readonly db: Db;
  readonly repos: BookingRepos;

  constructor(db: Db) {
    this.db = db;
    this.repos = reposOn(db);
  }

  transaction<T>(work: (r: BookingRepos) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(reposOn(trx)));
  }
}
