import type { HandlerTable } from '../context.ts';
import { createConsumer, resumeConsumer } from './consumer.ts';
import { closeProducer, createProducer, setProducerPaused } from './producer.ts';
import { getRouterCapabilities, join, leave } from './room.ts';
import { connectTransport, createTransport, restartIce } from './transport.ts';

/** One entry per request of the contract; the type makes a missing handler a compile error. */
export const handlers: HandlerTable = {
  'room.getRouterCapabilities': getRouterCapabilities,
  'room.join': join,
  'room.leave': leave,
  'transport.create': createTransport,
  'transport.connect': connectTransport,
  'transport.restartIce': restartIce,
  'producer.create': createProducer,
  'producer.setPaused': setProducerPaused,
  'producer.close': closeProducer,
  'consumer.create': createConsumer,
  'consumer.resume': resumeConsumer,
};
