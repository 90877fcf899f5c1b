import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useParams } from 'react-router';
import { PointSlugSchema } from '@kanava/shared';
import { PrecheckRunner, type PrecheckState } from './PrecheckRunner.ts';

export interface Precheck {
  state: PrecheckState;
  /** Runs `join` once the check has finished (at once when none is running). */
  joinWhenSettled: (join: () => void) => void;
  /** Join was pressed and waits for the check. */
  joinPending: boolean;
  again: () => void;
}

/**
 * Runs the device and network check of the page's point as soon as the camera and
 * microphone are open. Joining waits for it: the check would otherwise compete with the
 * call for the same link, and the expert should see its result.
 */
export function usePrecheck(stream: MediaStream | undefined): Precheck {
  const { slug = '' } = useParams();
  const pointSlug = PointSlugSchema.safeParse(slug);
  const runner = useMemo(() => (pointSlug.success ? new PrecheckRunner(pointSlug.data) : undefined), [slug]); // eslint-disable-line react-hooks/exhaustive-deps
  const idle = useCallback(() => () => undefined, []);
  const state = useSyncExternalStore(runner?.subscribe ?? idle, runner?.getSnapshot ?? (() => IDLE));
  const [attempt, setAttempt] = useState(0);
  const [joinPending, setJoinPending] = useState(false);

  useEffect(() => {
    if (!runner || !stream) return;
    runner.start(stream);
    return () => runner.cancel();
  }, [runner, stream, attempt]);

  const joinWhenSettled = useCallback(
    (join: () => void) => {
      if (!runner) return join();
      setJoinPending(true);
      void runner.settled().then(() => {
        setJoinPending(false);
        join();
      });
    },
    [runner],
  );

  return { state, joinWhenSettled, joinPending, again: () => setAttempt((a) => a + 1) };
}

const IDLE: PrecheckState = { kind: 'idle' };
