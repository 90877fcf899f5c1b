export * from './ids.ts';
export * from './errors.ts';
export * from './result.ts';
export * from './protocol.ts';
export * from './media.ts';
export * from './signalling.ts';
export * from './points.ts';
export * from './staff.ts';
