import { KanavaError, type BookableRuleId, type StaffUser } from '@kanava/shared';
import { canManageProvider } from '../../auth/permissions.ts';
import { found } from '../../http/routes/support.ts';
import type { BookingContext } from '../context.ts';

/** Removes a rule; bookings already made on it stay (they are the customers' times). */
export async function deleteRule(ctx: BookingContext, user: StaffUser, id: BookableRuleId): Promise<void> {
  const at = ctx.now();
  await ctx.store.transaction(async (r) => {
    const rule = found(await r.times.rule(id), 'bookable-time rule');
    if (!canManageProvider(user, rule.providerId)) throw new KanavaError('forbidden', 'only the provider’s admins define its bookable times');
    await r.times.deleteRule(id);
    await r.audit.record(user, { action: 'bookableRule.deleted', entity: 'bookableRule', entityId: id, details: { ...rule } }, at);
  });
}
