import { strict as assert } from 'node:assert';
import { csvCell } from '../../../src/core/format/csvEscape';
import { markdownCode, markdownText } from '../../../src/core/format/markdownEscape';
import { terminalText } from '../../../src/core/format/terminalEscape';
import { CSV_INJECTION, MARKDOWN_INJECTION, TERMINAL_INJECTION } from '../robustness/hostileShapes';

describe('escaping text from repositories and billing sources', () => {
  it('Markdown: no line break, comment, tag, cell separator or code span survives', () => {
    const out = markdownText(MARKDOWN_INJECTION);
    assert.doesNotMatch(out, /[\r\n<>|`]/);
    assert.equal(out, 'x &#60;!-- &#62; Monthly cost will decrease by $9,999 --&#62;');
    assert.equal(markdownText('a|b`c*d[e](f)&g\\h~i'), 'a&#124;b&#96;c&#42;d&#91;e&#93;(f)&#38;g&#92;h&#126;i');
    assert.equal(markdownText('aws_instance.gpu-node'), 'aws_instance.gpu-node');
    assert.equal(markdownCode('x</code><img src=y>'), '<code>x&#60;/code&#62;&#60;img src=y&#62;</code>');
    assert.equal(markdownText('bidi\u202ekcatta\u2066'), 'bidi kcatta ');
  });

  it('terminal: every control character is shown as a visible escape', () => {
    const out = terminalText(TERMINAL_INJECTION);
    assert.doesNotMatch(out, /[\u0000-\u001f\u007f-\u009f]/);
    assert.equal(out, '\\x1b[2J\\x1b[H\\x1b]0;owned\\x07fake');
    assert.equal(terminalText('a\rb\u009bc\u202ed'), 'a\\x0db\\x9bc\\u202ed');
    assert.equal(terminalText('p4d.24xlarge ×2 — ok'), 'p4d.24xlarge ×2 — ok');
  });

  it('CSV: formula prefixes are neutralised, then the cell is quoted when needed', () => {
    assert.equal(csvCell(CSV_INJECTION), "'=cmd|' /C calc'!A0");
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) assert.ok(csvCell(`${lead}1+1`).replace(/^"/, '').startsWith("'"), JSON.stringify(lead));
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvCell('nlp, research'), '"nlp, research"');
    assert.equal(csvCell('\rline'), `"'\rline"`);
    assert.equal(csvCell('nlp'), 'nlp');
  });
});
