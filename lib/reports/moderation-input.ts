import { z } from 'zod';
import { SENDER_MARKS } from '@/db/schema';
import { target, words } from './staff-input';

// What the moderation forms send. The version is the one the page showed: a decision taken on a page someone else
// changed meanwhile is refused, like every staff command.

const position = z.coerce
  .number({ error: 'Photo inconnue : rechargez la page.' })
  .int({ error: 'Photo inconnue : rechargez la page.' })
  .min(0, { error: 'Photo inconnue : rechargez la page.' })
  .max(9, { error: 'Photo inconnue : rechargez la page.' });

export const publishInput = z.object(target);
export const publicTextInput = z.object({ ...target, text: words('Le texte public', 10) });
export const hidePhotoInput = z.object({ ...target, position });
export const hideReportInput = z.object({ ...target, text: words('La raison', 5) });
export const showReportInput = z.object(target);
export const markSenderInput = z.object({
  ...target,
  mark: z.enum([...SENDER_MARKS, 'none'], { error: 'Choisissez ce qui arrivera aux prochains signalements.' }),
  text: words('La raison', 5),
});
