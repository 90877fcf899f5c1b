import type { Logger } from '../logger.ts';
import type { BookingConfig } from './config.ts';
import type { BookingStore } from './BookingStore.ts';
import type { ServicePointId } from '@kanava/shared';
import type { LinkTokens } from './links/linkTokens.ts';

/** What every booking handler gets; handlers never reach for globals. */
export interface BookingContext {
  store: BookingStore;
  config: BookingConfig;
  now: () => Date;
  /** Wakes the mail job after a change committed, so the expert hears of it at once. */
  mailChanged: () => void;
  /** Signs customers' personal links (from home). */
  linkTokens: LinkTokens;
  /**
   * An arrival was marked at the point (committed): a customer already waiting there without
   * one is matched to it now. Absent where no lobby is wired in.
   */
  arrivalMarked?: (pointId: ServicePointId) => Promise<void>;
  log: Logger;
}
