import { z } from 'zod';

// The URL filters several views share (the inbox, the key figures, the dashboard): a value that cannot be read is
// dropped (undefined), never an error, so that a stale or hand-edited link still opens.

export const poleFilter = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/)
  .optional()
  .catch(undefined);

export const communeFilter = z
  .string()
  .regex(/^[0-9][0-9AB][0-9]{3}$/)
  .optional()
  .catch(undefined);

export const categoryFilter = z
  .string()
  .regex(/^[a-z0-9-]{1,60}$/)
  .optional()
  .catch(undefined);
