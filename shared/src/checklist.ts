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

/** Minimums from the operating guide §3.1.1. */
export const MIN_NETWORK_KBPS = 384;
export const MIN_CAMERA_HEIGHT = 720;
export const MIN_CAMERA_FPS = 30;

export const EquipmentTestResultSchema = z.object({
  uplinkKbps: z.number().int().min(MIN_NETWORK_KBPS, `at least ${MIN_NETWORK_KBPS} kbit/s`).max(10_000_000),
  downlinkKbps: z.number().int().min(MIN_NETWORK_KBPS, `at least ${MIN_NETWORK_KBPS} kbit/s`).max(10_000_000),
  cameraHeight: z.number().int().min(MIN_CAMERA_HEIGHT, `at least ${MIN_CAMERA_HEIGHT}p`).max(4320),
  cameraFps: z.number().int().min(MIN_CAMERA_FPS, `at least ${MIN_CAMERA_FPS} fps`).max(240),
  notes: z.string().trim().max(2000).default(''),
});
export type EquipmentTestResult = z.infer<typeof EquipmentTestResultSchema>;

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
  z.object({ step: z.literal('equipmentTest'), result: EquipmentTestResultSchema }),
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
