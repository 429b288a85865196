import { z } from 'zod';

// Server-side settings, read once. Database variables are read by db/index.ts; NEXT_PUBLIC_* by the map.
const schema = z.object({
  BORDER_THRESHOLD_M: z.coerce.number().positive().default(50),
  DUPLICATE_RADIUS_M: z.coerce.number().positive().max(1000).default(50),
  RATE_LIMIT_PER_IP: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_PER_EMAIL: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_WINDOW_MINUTES: z.coerce.number().int().positive().default(60),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  TRACKING_SECRET: z.string().min(32).optional(),
  GEOCODER_URL: z.url().optional(),
  SITE_URL: z.url().optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_CLIENT_ID: z.string().optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().optional(),
  AUTH_OIDC_NAME: z.string().default('Compte de la Métropole'),
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  SESSION_HOURS: z.coerce.number().positive().default(10),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().default('Proxim’Cité – Clermont Auvergne Métropole <ne-pas-repondre@proximcite.example>'),
  MAIL_DIR: z.string().default('./.data/mail'),
  OUTBOX_WORKER: z.enum(['on', 'off']).default('on'),
  OUTBOX_POLL_SECONDS: z.coerce.number().positive().max(3600).default(5),
  RETENTION_MONTHS: z.coerce.number().int().positive().max(120).default(12),
  RETENTION_JOB: z.enum(['on', 'off']).default('on'),
  MODERATION: z.enum(['before', 'after']).default('before'),
  PHOTO_ORIGINALS: z.enum(['keep', 'delete']).default('keep'),
  MAP_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(5),
});

// An empty variable (as copied from .env.example) means "use the default".
export const env = schema.parse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')));
