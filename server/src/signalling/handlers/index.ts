import { qualityHandlers } from '../../quality/handlers.ts';
import { documentHandlers } from '../../documents/handlers.ts';
import { formHandlers } from '../../forms/handlers.ts';
import type { HandlerTable } from '../context.ts';
import { chatHistory, sendChat } from './chat.ts';
import { createConsumer, resumeConsumer } from './consumer.ts';
import { watchDirectory } from './directory.ts';
import { admit, decline, endSession } from './lobby.ts';
import { closeProducer, createProducer, setProducerPaused } from './producer.ts';
import { callAdvisor, enterCall, getRouterCapabilities, join, leave, resume } from './room.ts';
import { connectTransport, createTransport, restartIce } from './transport.ts';

/** One entry per request of the contract; the type makes a missing handler a compile error. */
export const handlers: HandlerTable = {
  'room.getRouterCapabilities': getRouterCapabilities,
  'room.join': join,
  'room.resume': resume,
  'room.enterCall': enterCall,
  'room.leave': leave,
  'room.callAdvisor': callAdvisor,
  'lobby.admit': admit,
  'lobby.decline': decline,
  'session.end': endSession,
  'directory.watch': watchDirectory,
  'chat.send': sendChat,
  'chat.history': chatHistory,
  'transport.create': createTransport,
  'transport.connect': connectTransport,
  'transport.restartIce': restartIce,
  'producer.create': createProducer,
  'producer.setPaused': setProducerPaused,
  'producer.close': closeProducer,
  'consumer.create': createConsumer,
  'consumer.resume': resumeConsumer,
  ...qualityHandlers,
  ...documentHandlers,
  ...formHandlers,
};
