import { DEFAULT_QUALITY_POLICY, type PeerId, type QualityPolicy, type ServiceId, type ServicePointId } from '@kanava/shared';

/** Whose minimums apply: a point, and the service being given there when it is known. */
export interface QualityPolicyScope {
  pointId: ServicePointId;
  serviceId?: ServiceId | undefined;
}

/**
 * Where a room's minimums come from: the records (`DbQualityPolicySource`: the service's
 * own policy, else the platform's default) or, without records, the guide's values.
 */
export interface QualityPolicySource {
  policyFor(scope: QualityPolicyScope): Promise<QualityPolicy>;
  /** The service a customer came for (their booking or walk-in), when known. */
  serviceOf?(peerId: PeerId): Promise<ServiceId | undefined>;
}

/** The operating guide's minimums (002 §3.1.1) for every point and service, in `warn` mode. */
export const guidePolicySource: QualityPolicySource = {
  async policyFor() {
    return DEFAULT_QUALITY_POLICY;
  },
};
