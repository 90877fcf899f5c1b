import { z } from 'zod';
import { AgendaSchema, ArrivalSchema, BookableRuleSchema, BookableTimesSchema, BookingExceptionSchema, BookingSchema, DayViewSchema, FreeSlotSchema } from '@kanava/shared';
import { api } from '../../auth/api.ts';

/** The booking API as the screens use it; every answer parsed with the shared schemas. */
const B = '/api/booking';
const e = encodeURIComponent;

export const bookingApi = {
  times: (providerId: string) => api('GET', `${B}/providers/${e(providerId)}/times`, BookableTimesSchema),
  addRule: (body: unknown) => api('POST', `${B}/rules`, BookableRuleSchema, body),
  removeRule: (id: string) => api('DELETE', `${B}/rules/${e(id)}`, z.undefined()),
  addException: (body: unknown) => api('POST', `${B}/exceptions`, BookingExceptionSchema, body),
  removeException: (id: string) => api('DELETE', `${B}/exceptions/${e(id)}`, z.undefined()),
  slots: (q: { pointId: string; serviceId: string; from: string; days: number }) =>
    api('GET', `${B}/slots?${new URLSearchParams({ ...q, days: String(q.days) })}`, z.array(FreeSlotSchema)),
  hold: (body: { pointId: string; serviceId: string; expertId: string; startsAt: string }) => api('POST', `${B}/holds`, BookingSchema, body),
  confirm: (id: string, customer: { name: string; contact: string; note: string }, fromHome: { email: string } | null = null) =>
    api('POST', `${B}/bookings/${e(id)}/confirm`, BookingSchema, { customer, fromHome }),
  reschedule: (id: string, body: { startsAt: string; expertId: string }) => api('POST', `${B}/bookings/${e(id)}/reschedule`, BookingSchema, body),
  cancel: (id: string) => api('POST', `${B}/bookings/${e(id)}/cancel`, BookingSchema, {}),
  arrive: (id: string) => api('POST', `${B}/bookings/${e(id)}/arrive`, BookingSchema, {}),
  noShow: (id: string) => api('POST', `${B}/bookings/${e(id)}/no-show`, BookingSchema, {}),
  day: (pointId: string, date?: string) => api('GET', `${B}/points/${e(pointId)}/day${date ? `?date=${e(date)}` : ''}`, DayViewSchema),
  walkIn: (pointId: string, serviceId: string) => api('POST', `${B}/points/${e(pointId)}/walk-ins`, ArrivalSchema, { serviceId }),
  agenda: (days = 8) => api('GET', `${B}/agenda?days=${days}`, AgendaSchema),
};
