import { clsx, type ClassValue } from 'clsx';

// Joins class names; it does not resolve conflicting utilities (tailwind-merge did, for 9 KiB of every page's
// JavaScript): a component offers exclusive alternatives itself (`error ? 'border-red-700' : 'border-slate-400'`).
export function cn(...classes: ClassValue[]): string {
  return clsx(classes);
}
