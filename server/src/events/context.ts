import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { Records } from '../records/Records.ts';

/** What the service-event and report routes get; they never reach for globals. */
export interface EventsContext {
  db: Db;
  records: Records;
  now: () => Date;
  log: Logger;
}
