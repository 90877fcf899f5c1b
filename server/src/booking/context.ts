import type { Logger } from '../logger.ts';
import type { BookingConfig } from './config.ts';
import type { BookingStore } from './BookingStore.ts';

/** What every booking handler gets; handlers never reach for globals. */
export interface BookingContext {
  store: BookingStore;
  config: BookingConfig;
  now: () => Date;
  /** Wakes the mail job after a change committed, so the expert hears of it at once. */
  mailChanged: () => void;
  log: Logger;
}
