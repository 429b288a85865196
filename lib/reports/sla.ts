import type { Severity } from '@/db/schema';

// The service promise: a report is handled within 48 h to 5 days depending on its severity.
export const SEVERITY_HOURS: Record<Severity, number> = { high: 48, medium: 72, low: 120 };

export function dueAtFor(severity: Severity, from: Date): Date {
  return new Date(from.getTime() + SEVERITY_HOURS[severity] * 3_600_000);
}

export function isOverdue(dueAt: Date, isOpen: boolean, now: Date = new Date()): boolean {
  return isOpen && dueAt.getTime() < now.getTime();
}
