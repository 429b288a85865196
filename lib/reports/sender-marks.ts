import { inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { senderMarks, type SenderMark } from '@/db/schema';

// Senders staff marked for abuse (moderation-commands.ts markSender), looked up by the same hashed keys the rate limit
// counts. Of several marks (an address and a mailbox), the stricter wins.
export async function findSenderMark(db: Db, keys: string[]): Promise<SenderMark | null> {
  if (keys.length === 0) return null;
  const rows = await db.select({ mark: senderMarks.mark }).from(senderMarks).where(inArray(senderMarks.key, keys));
  if (rows.some((row) => row.mark === 'refuse')) return 'refuse';
  return rows.length > 0 ? 'moderate' : null;
}
