import { MonthlyReportSchema, PilotReportSchema, PointEventsSchema, ServiceEventDetailSchema, ServiceEventSchema } from '@kanava/shared';
import { api } from '../auth/api.ts';

/** The service-event and report API as the screens use it; every answer parsed with the shared schemas. */
const e = encodeURIComponent;

export const eventsApi = {
  event: (id: string) => api('GET', `/api/service-events/${e(id)}`, ServiceEventDetailSchema),
  classify: (id: string, body: { serviceId: string; code: string; note: string }) => api('PUT', `/api/service-events/${e(id)}/classification`, ServiceEventSchema, body),
  rate: (id: string, rating: number) => api('PUT', `/api/service-events/${e(id)}/connection-rating`, ServiceEventSchema, { rating }),
  ofPointDay: (pointId: string, date: string) => api('GET', `/api/points/${e(pointId)}/service-events?date=${e(date)}`, PointEventsSchema),
  monthly: (month: string, providerId: string) => api('GET', `/api/reports/monthly?${reportQuery(month, providerId)}`, MonthlyReportSchema),
  pilot: (pointId: string, weeks: number, providerId: string) =>
    api('GET', `/api/reports/pilot?${new URLSearchParams({ pointId, weeks: String(weeks), ...(providerId ? { providerId } : {}) })}`, PilotReportSchema),
};

export function reportQuery(month: string, providerId: string): string {
  return new URLSearchParams({ month, ...(providerId ? { providerId } : {}) }).toString();
}
