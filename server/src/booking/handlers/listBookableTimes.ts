import { KanavaError, type BookableTimes, type ProviderId, type StaffUser } from '@kanava/shared';
import { canManageProvider } from '../../auth/permissions.ts';
import type { BookingContext } from '../context.ts';

/** A provider's bookable-time rules and exceptions, for its admins. */
export async function listBookableTimes(ctx: BookingContext, user: StaffUser, providerId: ProviderId): Promise<BookableTimes> {
  if (!canManageProvider(user, providerId)) throw new KanavaError('forbidden', 'only the provider’s admins see its bookable times');
  const { times } = ctx.store.repos;
  return { rules: await times.rules({ providerId }), exceptions: await times.exceptions(providerId) };
}
