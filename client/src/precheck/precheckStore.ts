import type { PointSlug } from '@kanava/shared';
import type { LocalPrecheck } from './PrecheckRunner.ts';

/**
 * The last finished check of each point on this device, handed from the pre-join screen to
 * the call (which submits it after joining and takes its start bitrate from it). Kept in
 * memory only: a kiosk keeps nothing of the previous customer after a reload.
 */
const latest = new Map<PointSlug, LocalPrecheck>();

export function rememberPrecheck(slug: PointSlug, result: LocalPrecheck): void {
  latest.set(slug, result);
}

export function latestPrecheck(slug: PointSlug): LocalPrecheck | undefined {
  return latest.get(slug);
}

export function forgetPrecheck(slug: PointSlug): void {
  latest.delete(slug);
}
