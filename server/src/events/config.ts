import { z } from 'zod';

/** Environment variables of the service events and survey retention (merged into the server's schema). */
export const eventsEnvShape = {
  /** Service events (and their staff ratings) are deleted this many days after they ended: ~2 years by default, for yearly billing and reports. */
  KANAVA_EVENT_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(730),
  /** Customers' free-text survey comments are blanked this many days after they were written (the ratings stay). */
  KANAVA_SURVEY_COMMENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** How often the retention job runs. */
  KANAVA_RETENTION_INTERVAL_S: z.coerce.number().min(1).max(86_400).default(3600),
};

export interface EventsConfig {
  retention: { eventDays: number; surveyCommentDays: number; intervalMs: number };
}

type EventsEnv = z.infer<z.ZodObject<typeof eventsEnvShape>>;

export function eventsConfigFrom(e: EventsEnv): EventsConfig {
  return {
    retention: {
      eventDays: e.KANAVA_EVENT_RETENTION_DAYS,
      surveyCommentDays: e.KANAVA_SURVEY_COMMENT_RETENTION_DAYS,
      intervalMs: e.KANAVA_RETENTION_INTERVAL_S * 1000,
    },
  };
}
