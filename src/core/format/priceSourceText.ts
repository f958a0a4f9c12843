import type { PriceSource } from '../model';

/**
 * Where a price came from and how old it is, short enough for a lens tooltip:
 * `bundled, 2026-11` or `AWS Price List API, 2 h ago`.
 */
export function describePriceSource(source: PriceSource, now: Date = new Date()): string {
  if (source.fetchedAt) return `${source.label}, ${timeAgo(source.fetchedAt, now)}`;
  const month = source.asOf?.slice(0, 7);
  return month ? `bundled, ${month}` : 'bundled';
}

/** The bundled catalog's longer name, for details views: `bundled, 2026-11 (SkyPilot catalog snapshot)`. */
export function describePriceSourceLong(source: PriceSource, now: Date = new Date()): string {
  if (source.fetchedAt) return `${describePriceSource(source, now)} (fetched ${source.fetchedAt.slice(0, 16).replace('T', ' ')} UTC)`;
  const inner = /^bundled catalog \((.*)\)$/.exec(source.label)?.[1] ?? source.label;
  return `${describePriceSource(source, now)} (${inner})`;
}

export function timeAgo(iso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso);
  if (Number.isNaN(ms)) return 'at an unknown time';
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
