/** A timeout or wait as people say it in an error message: `250 ms`, `1.5 s`, `30 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}
