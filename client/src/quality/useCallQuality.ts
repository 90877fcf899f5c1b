import { useSyncExternalStore } from 'react';
import type { CallQuality, CallQualitySnapshot } from './CallQuality.ts';

export function useCallQuality(quality: CallQuality): CallQualitySnapshot {
  return useSyncExternalStore(quality.subscribe, quality.getSnapshot);
}
