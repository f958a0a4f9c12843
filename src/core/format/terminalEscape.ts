/**
 * Text from a repository or a billing source, made safe to print on a terminal: escape
 * sequences (ESC, CSI, OSC) could clear the screen, rewrite earlier lines or set the window
 * title, and a carriage return could overwrite a line. Each such character is shown as a
 * visible `\xNN` / `\uNNNN` escape instead, so a reader sees that something was there.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
