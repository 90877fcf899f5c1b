import type { Db } from '../db/database.ts';
import { AuditLog } from '../db/AuditLog.ts';
import type { QualityOptions } from './createQualityService.ts';
import { DbQualityIncidentRepository } from './QualityIncidentRepository.ts';
import { DbQualityPolicySource } from './QualityPolicyRepository.ts';
import { KioskCheckRepository } from '../records/points/KioskCheckRepository.ts';

/**
 * Quality enforcement on the records database: policies per service and the platform's
 * default, incidents and session summaries stored, admissions below the minimum in the audit log,
 * the latest check of each point's kiosk kept for the new-point checklist.
 */
export function dbQualityOptions(db: Db, now: () => Date = () => new Date()): Required<Pick<QualityOptions, 'policies' | 'incidents' | 'audit' | 'kioskChecks'>> {
  const audit = new AuditLog(db);
  const kioskChecks = new KioskCheckRepository(db);
  return {
    kioskChecks: { record: (pointId, precheck) => kioskChecks.record(pointId, precheck, now()) },
    policies: new DbQualityPolicySource(db),
    incidents: new DbQualityIncidentRepository(db, now),
    audit: async ({ actor, roomId, pointId, peerId, sessionId, reason, precheck }) => {
      await audit.record(
        actor.id ? { id: actor.id, displayName: actor.displayName } : null,
        {
          action: 'quality.admittedBelowMinimum',
          entity: 'point',
          entityId: pointId,
          details: { roomId, peerId, sessionId, reason, verdict: precheck.verdict, network: precheck.network, camera: precheck.camera, mode: precheck.policy.mode },
        },
        now(),
      );
    },
  };
}
