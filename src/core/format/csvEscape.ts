/**
 * One CSV cell holding text from a billing source (a team, a resource id). A spreadsheet runs
 * a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula
 * (`=cmd|' /C calc'!A0`), so such a cell gets a leading `'`, which spreadsheets show as text;
 * then the cell is quoted when it holds a quote, comma or line break (RFC 4180).
 */
export function csvCell(text: string): string {
  const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
