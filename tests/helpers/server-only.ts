// Vitest stands in for the server: the `server-only` guard has nothing to protect here.
export {};
