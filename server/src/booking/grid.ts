import { BOOKING_GRID_MINUTES } from '@kanava/shared';

const CELL_MS = BOOKING_GRID_MINUTES * 60_000;

/**
 * Whether an instant lies on the 5-minute grid. Helsinki's offsets are whole hours, so the
 * local grid and the UTC grid are the same.
 */
export function isOnGrid(at: Date): boolean {
  return at.getTime() % CELL_MS === 0;
}

/**
 * The grid cells an expert's time [from, to) occupies, as canonical ISO strings (the text
 * the unique key compares). `to` is the end plus the buffer: the pause after a booking is
 * the expert's too.
 */
export function cellsOf(from: Date, to: Date): string[] {
  const cells: string[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += CELL_MS) cells.push(new Date(t).toISOString());
  return cells;
}

export function plusMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}
