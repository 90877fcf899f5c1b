import type { types } from 'mediasoup';
import type { SfuConfig } from '../config.ts';

/** Where WebRTC transports listen: the configured address and port range, UDP (and TCP when enabled). */
export function webRtcListenInfos(config: SfuConfig): types.TransportListenInfo[] {
  const { listenIp, announcedAddress, rtcMinPort, rtcMaxPort, enableTcp } = config;
  const listen = (protocol: 'udp' | 'tcp'): types.TransportListenInfo => ({
    protocol,
    ip: listenIp,
    ...(announcedAddress ? { announcedAddress } : {}),
    portRange: { min: rtcMinPort, max: rtcMaxPort },
  });
  return enableTcp ? [listen('udp'), listen('tcp')] : [listen('udp')];
}
