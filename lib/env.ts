import { z } from 'zod';

// Server-side settings, read once. Database variables are read by db/index.ts; NEXT_PUBLIC_* by the map.
const schema = z.object({
  BORDER_THRESHOLD_M: z.coerce.number().positive().default(50),
  REPORTS_API_LIMIT: z.coerce.number().int().positive().default(10000),
  DUPLICATE_RADIUS_M: z.coerce.number().positive().max(1000).default(50),
  RATE_LIMIT_PER_IP: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_PER_EMAIL: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_WINDOW_MINUTES: z.coerce.number().int().positive().default(60),
  TRACKING_SECRET: z.string().min(32).optional(),
  GEOCODER_URL: z.url().optional(),
  SITE_URL: z.url().optional(),
});

// An empty variable (as copied from .env.example) means "use the default".
export const env = schema.parse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')));
