import { randomUUID } from 'node:crypto';
import { ServiceSessionIdSchema, type ServiceSessionId, type ServiceSessionView } from '@kanava/shared';

/**
 * One customer served, from admission until the customer leaves. Chat, documents, forms
 * and quality records hang on it, so the next customer starts from nothing.
 */
export class ServiceSession {
  readonly id: ServiceSessionId;
  readonly startedAt: Date;
  readonly admittedBy: string;
  endedAt: Date | undefined;

  constructor(admittedBy: string, now: Date) {
    this.id = ServiceSessionIdSchema.parse(randomUUID());
    this.startedAt = now;
    this.admittedBy = admittedBy;
  }

  view(): ServiceSessionView {
    return { sessionId: this.id, startedAt: this.startedAt.toISOString(), admittedBy: this.admittedBy };
  }
}
