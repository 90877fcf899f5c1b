import { KanavaError, type BookingException, type NewBookingException, type StaffUser } from '@kanava/shared';
import { canManageProvider } from '../../auth/permissions.ts';
import type { BookingContext } from '../context.ts';
import { expertOf } from '../steps.ts';

/** A holiday of the provider (no expert) or an absence of one expert. */
export async function createException(ctx: BookingContext, user: StaffUser, input: NewBookingException): Promise<BookingException> {
  if (!canManageProvider(user, input.providerId)) throw new KanavaError('forbidden', 'only the provider’s admins define its bookable times');
  const at = ctx.now();
  return ctx.store.transaction(async (r) => {
    if (input.expertId) await expertOf(r, input.expertId, input.providerId);
    const exception = await r.times.createException(input, at);
    await r.audit.record(user, { action: 'bookingException.created', entity: 'bookingException', entityId: exception.id, details: { ...input } }, at);
    return exception;
  });
}
