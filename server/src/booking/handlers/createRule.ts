import { KanavaError, type BookableRule, type NewBookableRule, type StaffUser } from '@kanava/shared';
import { canManageProvider } from '../../auth/permissions.ts';
import { ValidationError } from '../../http/routes/support.ts';
import type { BookingContext } from '../context.ts';
import { expertOf } from '../steps.ts';

/** A provider admin adds a weekly rule for one of the provider's services and experts. */
export async function createRule(ctx: BookingContext, user: StaffUser, input: NewBookableRule): Promise<BookableRule> {
  const at = ctx.now();
  return ctx.store.transaction(async (r) => {
    const service = await r.services.get(input.serviceId);
    if (!service) throw new ValidationError([{ path: 'serviceId', message: 'no such service' }]);
    if (!canManageProvider(user, service.providerId)) throw new KanavaError('forbidden', 'only the provider’s admins define its bookable times');
    await expertOf(r, input.expertId, service.providerId);
    const rule = await r.times.createRule(service.providerId, input, at);
    await r.audit.record(user, { action: 'bookableRule.created', entity: 'bookableRule', entityId: rule.id, details: { ...input } }, at);
    return rule;
  });
}
