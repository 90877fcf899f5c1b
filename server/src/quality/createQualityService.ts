import type { SfuService } from '@kanava/sfu/api';
import type { ServicePointRepository } from '../db/ServicePointRepository.ts';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../rooms/RoomRegistry.ts';
import { guidePolicySource, type QualityPolicySource } from './policy.ts';
import { PrecheckService } from './PrecheckService.ts';
import { InMemoryQualityIncidentRepository, type QualityIncidentRepository } from './QualityIncidentRepository.ts';
import { qualityRoomsOf, type QualityNotifier } from './QualityRooms.ts';
import { QualityService, type KioskCheckRecorder, type OverrideAudit } from './QualityService.ts';
import type { DetectorTimings } from './incidentDetector.ts';

/** What the composition root may choose; everything has a default (the guide's policy, incidents in memory, overrides only logged). */
export interface QualityOptions {
  policies?: QualityPolicySource;
  incidents?: QualityIncidentRepository;
  audit?: OverrideAudit;
  kioskChecks?: KioskCheckRecorder;
  timings?: DetectorTimings;
}

export function createQualityService(
  deps: { sfu: SfuService; rooms: RoomRegistry; notifier: QualityNotifier; points: Pick<ServicePointRepository, 'findBySlug'>; log: Logger },
  options: QualityOptions = {},
): QualityService {
  const policies = options.policies ?? guidePolicySource;
  const prechecks = new PrecheckService({ sfu: deps.sfu, policies, findPoint: (slug) => deps.points.findBySlug(slug), log: deps.log });
  return new QualityService({
    sfu: deps.sfu,
    rooms: qualityRoomsOf(deps.rooms),
    notifier: deps.notifier,
    policies,
    incidents: options.incidents ?? new InMemoryQualityIncidentRepository(),
    prechecks,
    log: deps.log,
    ...(options.timings ? { timings: options.timings } : {}),
    ...(options.audit ? { audit: options.audit } : {}),
    ...(options.kioskChecks ? { kioskChecks: options.kioskChecks } : {}),
  });
}
