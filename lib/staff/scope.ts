import 'server-only';
import { eq, or, sql, type SQL } from 'drizzle-orm';
import { reports } from '@/db/schema';
import { reachOf, type Permission, type StaffUser } from '@/lib/permissions';

/**
 * The part of a `where` that keeps a query inside what this person may see for this permission. Every staff query
 * puts it in its own `where`: a report out of reach is never read, so it answers exactly like a missing one.
 */
export function scopeWhere(user: StaffUser, permission: Permission): SQL {
  const reach = reachOf(user, permission);
  switch (reach.kind) {
    case 'none':
      return sql`false`;
    case 'all':
      return sql`true`;
    case 'pole':
      return eq(reports.poleId, reach.poleId);
    case 'commune':
      return or(eq(reports.communeInsee, reach.communeInsee), eq(reports.intakeUserId, reach.intakeUserId))!;
  }
}
