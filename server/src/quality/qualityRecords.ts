import type { Db } from '../db/database.ts';
import { AuditLog } from '../db/AuditLog.ts';
import type { QualityOptions } from './createQualityService.ts';
import { DbQualityIncidentRepository } from './QualityIncidentRepository.ts';
import { DbQualityPolicySource } from './QualityPolicyRepository.ts';

/**
 * Quality enforcement on the records database: policies per service and the platform's
 * default, incidents and session summaries stored, admissions below the minimum in the audit log.
 */
export function dbQualityOptions(db: Db, now: () => Date = () => new Date()): Required<Pick<QualityOptions, 'policies' | 'incidents' | 'audit'>> {
  const audit = new AuditLog(db);
  return {
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
