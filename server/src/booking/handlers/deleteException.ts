import { KanavaError, type BookingExceptionId, type StaffUser } from '@kanava/shared';
import { canManageProvider } from '../../auth/permissions.ts';
import { found } from '../../http/routes/support.ts';
import type { BookingContext } from '../context.ts';

export async function deleteException(ctx: BookingContext, user: StaffUser, id: BookingExceptionId): Promise<void> {
  const at = ctx.now();
  await ctx.store.transaction(async (r) => {
    const exception = found(await r.times.exception(id), 'exception');
    if (!canManageProvider(user, exception.providerId)) throw new KanavaError('forbidden', 'only the provider’s admins define its bookable times');
    await r.times.deleteException(id);
    await r.audit.record(user, { action: 'bookingException.deleted', entity: 'bookingException', entityId: id, details: { ...exception } }, at);
  });
}
