import { KanavaError, type PointStatus } from '@kanava/shared';

/**
 * A point's lifecycle. draft: being set up. testing: equipment and network tested from the
 * kiosk, training going on. live: open to customers. closed: gone for good (its link stops
 * working; a new point gets a new link).
 */
const next: Record<PointStatus, readonly PointStatus[]> = {
  draft: ['testing', 'closed'],
  testing: ['live', 'closed'],
  live: ['closed'],
  closed: [],
};

export function canMove(from: PointStatus, to: PointStatus): boolean {
  return next[from].includes(to);
}

export function assertMove(from: PointStatus, to: PointStatus): void {
  if (!canMove(from, to)) throw new KanavaError('invalidState', `a ${from} point cannot become ${to}`);
}
