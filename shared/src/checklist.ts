import { z } from 'zod';
import { StaffUserIdSchema } from './ids.ts';

/**
 * The new-point checklist of the operating guide (§3), in its order. A step can be done
 * only after the ones before it; the point goes live with the last one.
 */
export const checklistSteps = [
  'agreement',
  'advisorAccounts',
  'roomLink',
  'servicesAttached',
  'providersNotified',
  'equipmentTest',
  'training',
  'goLive',
] as const;
export const ChecklistStepNameSchema = z.enum(checklistSteps);
export type ChecklistStepName = z.infer<typeof ChecklistStepNameSchema>;

/**
 * The latest pre-call check of a point's kiosk, as the server measured and judged it (the quality
 * module stores it when a customer at the kiosk, not one at home, submits the check). The
 * checklist's equipment and network test is done from it, not from typed-in figures.
 */
export const KioskCheckSchema = z.object({
  measuredAt: z.iso.datetime(),
  upKbps: z.number().int().nonnegative(),
  downKbps: z.number().int().nonnegative(),
  /** Null when the kiosk's camera could not be measured. */
  camera: z.object({ width: z.number().int().positive(), height: z.number().int().positive(), frameRate: z.number().nonnegative() }).nullable(),
  microphone: z.boolean(),
  /** The server's verdict under the point's quality policy. */
  overall: z.enum(['good', 'belowRecommended', 'belowMinimum']),
  /**
   * `upKbps` is a measurement, or only a lower bound (a browser that would not send at the probe's rate,
   * e.g. Firefox): one that still meets the point's minimum (`atLeastMinimum`), or one that does not (`unknown`).
   */
  upload: z.enum(['measured', 'atLeastMinimum', 'unknown']),
});
export type KioskCheck = z.infer<typeof KioskCheckSchema>;

export const TrainingRecordSchema = z.object({
  notes: z.string().trim().min(1, 'required').max(2000),
});

/** What completing a step takes: most steps only confirm what the records already show. */
export const ChecklistCompletionSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('agreement') }),
  z.object({ step: z.literal('advisorAccounts') }),
  z.object({ step: z.literal('roomLink') }),
  z.object({ step: z.literal('servicesAttached') }),
  z.object({ step: z.literal('providersNotified') }),
  /** Done from the kiosk's latest stored check; the notes are the admin's own. */
  z.object({ step: z.literal('equipmentTest'), notes: z.string().trim().max(2000).default('') }),
  z.object({ step: z.literal('training'), record: TrainingRecordSchema }),
  z.object({ step: z.literal('goLive') }),
]);
export type ChecklistCompletion = z.infer<typeof ChecklistCompletionSchema>;

export const ChecklistStepSchema = z.object({
  step: ChecklistStepNameSchema,
  done: z
    .object({
      at: z.iso.datetime(),
      by: z.object({ id: StaffUserIdSchema, displayName: z.string() }).nullable(),
      /** What was checked or recorded: agreements found, e-mails sent, measured values, training notes. */
      details: z.record(z.string(), z.unknown()),
    })
    .nullable(),
});
export type ChecklistStep = z.infer<typeof ChecklistStepSchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({ id: StaffUserIdSchema, displayName: z.string() }).nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
