import type { Heartbeat, Placement } from './wire.ts';

/**
 * The node a new room goes to: the fewest consumers per worker (what costs a worker most in a call),
 * then the fewest rooms per worker, then the lower CPU use; a node without a running worker never.
 * The loads are as of each node's last heartbeat (at most one period old).
 */
export function leastLoadedNode(nodes: Iterable<Heartbeat>): Placement | undefined {
  const key = (h: Heartbeat) => [h.load.consumers / h.load.workers, h.load.rooms / h.load.workers, h.load.cpuPercent];
  const candidates = [...nodes].filter((h) => h.load.workers > 0);
  candidates.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if ((ka[i] ?? 0) !== (kb[i] ?? 0)) return (ka[i] ?? 0) - (kb[i] ?? 0);
    return a.nodeId.localeCompare(b.nodeId);
  });
  const best = candidates[0];
  return best ? { nodeId: best.nodeId, bootId: best.bootId } : undefined;
}
