import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUALITY_POLICY, PeerIdSchema, QualityFiguresSchema, QualityIncidentIdSchema } from '@kanava/shared';
import { z } from 'zod';
import type { DetectorEvent } from './incidentDetector.ts';
import { ParticipantMonitor } from './ParticipantMonitor.ts';

/**
 * Series recorded on real shaped links by the quality browser tests (the server logs every
 * participant's raw figures once a second at debug level); replayed through the same pipeline.
 */
const RecordingSchema = z.object({ description: z.string(), samples: z.array(z.object({ at: z.number(), raw: QualityFiguresSchema })) });

function replay(file: string) {
  const recording = RecordingSchema.parse(JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')));
  let n = 0;
  const monitor = new ParticipantMonitor(PeerIdSchema.parse('customer'), () => QualityIncidentIdSchema.parse(`incident-${++n}`));
  const t0 = recording.samples[0]?.at ?? 0;
  const events: Array<DetectorEvent & { sec: number }> = [];
  const states: string[] = [];
  for (const { at, raw } of recording.samples) {
    const judged = monitor.push(at, raw, DEFAULT_QUALITY_POLICY);
    states.push(judged.state.kind);
    for (const e of judged.events) events.push({ ...e, sec: Math.round((at - t0) / 1000) });
  }
  return { events, states, opened: events.filter((e) => e.type === 'opened'), closed: events.filter((e) => e.type === 'closed') };
}

describe('the quality pipeline on recorded calls', () => {
  it('a 250 kbit/s upload: an upload incident a few seconds after the start-up grace', () => {
    const { opened } = replay('upload-250.json');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.incident.reasons).toEqual(['upload']);
    expect(opened[0]?.sec).toBeLessThanOrEqual(10);
    expect(opened[0]?.incident.worst.upKbps).toBeLessThan(269);
  });

  it('400 kbit/s each way: twenty seconds of call, never an incident (the estimates sink to 290, the loss passes)', () => {
    const { events, states } = replay('link-400.json');
    expect(events).toEqual([]);
    expect(states).not.toContain('incident');
  });

  it('an unshaped expert receiving a customer’s low layer: no incident (the low download estimate is not judged)', () => {
    expect(replay('expert-unshaped.json').events).toEqual([]);
  });

  it('2 Mbit/s dropping to 250 kbit/s and back: an incident within five seconds of the drop, closed after the restore', () => {
    const { opened, closed } = replay('drop-2000-250-2000.json');
    expect(opened).toHaveLength(1);
    // The drop came at 10 s of this recording.
    expect(opened[0]?.sec).toBeGreaterThan(10);
    expect(opened[0]?.sec).toBeLessThanOrEqual(15);
    expect(opened[0]?.incident.reasons).toContain('upload');
    expect(closed).toHaveLength(1);
    expect(closed[0]?.incident.incidentId).toBe(opened[0]?.incident.incidentId);
    expect(closed[0]?.incident.worst.upKbps).toBeLessThan(200);
    expect(closed[0]?.incident.worst.sent?.width).toBe(320);
  });
});
