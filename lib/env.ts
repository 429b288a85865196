import { z } from 'zod';

// Server-side settings, read once. Database variables are read by db/index.ts; NEXT_PUBLIC_* by the map.
const schema = z.object({
  BORDER_THRESHOLD_M: z.coerce.number().positive().default(50),
});

export const env = schema.parse(process.env);
