import { DEFAULT_QUALITY_POLICY, type QualityPolicy, type ServiceId, type ServicePointId } from '@kanava/shared';

/** Whose minimums apply: a point, and the service being given there when it is known. */
export interface QualityPolicyScope {
  pointId: ServicePointId;
  serviceId?: ServiceId | undefined;
}

/**
 * Where a room's minimums come from. The records module will read per-point and
 * per-service values from the database behind this interface; until then every point
 * gets the operating guide's values.
 */
export interface QualityPolicySource {
  policyFor(scope: QualityPolicyScope): Promise<QualityPolicy>;
}

/** The operating guide's minimums (002 §3.1.1) for every point and service, in `warn` mode. */
export const guidePolicySource: QualityPolicySource = {
  async policyFor() {
    return DEFAULT_QUALITY_POLICY;
  },
};
