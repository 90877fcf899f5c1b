export type * from './api.ts';
export type { SfuConfig } from './config.ts';
export { defaultWorkerCount } from './config.ts';
export { MediasoupSfu } from './MediasoupSfu.ts';
export { RemoteSfuService, type RemoteSfuOptions } from './remote/RemoteSfuService.ts';
