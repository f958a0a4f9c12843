import * as ch from './hclChars';
import type { BlockReuse, PlacedBlock } from './hclConvert';
import { HclNode, SyntaxSource } from './hclSyntax';

/**
 * A hand-written HCL2 parser that builds the same `HclNode` trees as tree-sitter's parse
 * converted by `hclConvert.ts` (node types, named-ness, fields, spans, anonymous tokens,
 * comments), several times faster, since it reads the text once with `charCodeAt` and creates
 * the plain nodes directly. It handles well-formed files only: at a syntax error, or at a
 * construct whose tree-sitter reading it does not reproduce exactly, it gives up (returns
 * `undefined`) and the caller parses with tree-sitter, which also recovers from errors.
 * `test/core/parsing/hcl/hclParser.test.ts` compares the two node by node.
 *
 * Tree-sitter's shapes it reproduces: hidden rules (`_expr_term`, `_template`) are flattened
 * into their parent; binary operands are terms, not expressions; `a ? b : c ? d : e` groups
 * to the left; template text runs skip whitespace at their edges (the external scanner skips
 * it before each chunk); `legacy_index` spans its `.` only (its digits are a hidden token);
 * a comment belongs to the innermost node with tokens on both sides of it.
 */

class Bail extends Error {}

function bail(reason: string): never {
  throw new Bail(reason);
}

const NO_CHILDREN: readonly HclNode[] = Object.freeze([]);

/** Deeper nesting is left to tree-sitter (recursion here uses the JS stack). */
const MAX_DEPTH = 200;

/** What ended a template's text. */
const END = 0;
const ELSE = 1;
const ENDIF = 2;
const ENDFOR = 3;

/** Kinds of template text: a quoted expression, a quoted block label (no interpolation), a heredoc. */
const QUOTED = 0;
const LABEL = 1;
const HEREDOC = 2;

/** A directive tag read up to its keyword: `%{`, an optional strip marker, the keyword. */
interface TagOpen {
  children: HclNode[];
  keyword: string;
}

const TAG_KEYWORDS = ['if', 'for', 'else', 'endif', 'endfor'];

/** A binary operator's token and precedence, as in the grammar's `binary_operation`. */
interface Operator {
  op: string;
  prec: number;
}

const OPERATORS: Record<string, Operator> = Object.fromEntries(
  [['*', 6], ['/', 6], ['%', 6], ['+', 5], ['-', 5], ['>', 4], ['>=', 4], ['<', 4], ['<=', 4], ['==', 3], ['!=', 3], ['&&', 2], ['||', 1]].map(([op, prec]) => [op, { op, prec }] as [string, Operator]),
);

/** The binary operator at `p`, if one starts there (shared objects: this runs after every operand). */
function binaryOperator(text: string, p: number): Operator | undefined {
  const c = text.charCodeAt(p);
  const n = text.charCodeAt(p + 1);
  switch (c) {
    case ch.STAR:
      return OPERATORS['*'];
    case ch.SLASH:
      return OPERATORS['/'];
    case ch.PERCENT:
      return OPERATORS['%'];
    case ch.PLUS:
      return OPERATORS['+'];
    case ch.MINUS:
      return OPERATORS['-'];
    case ch.GT:
      return n === ch.EQ ? OPERATORS['>='] : OPERATORS['>'];
    case ch.LT:
      if (n === ch.LT) bail('<< after an expression');
      return n === ch.EQ ? OPERATORS['<='] : OPERATORS['<'];
    case ch.EQ:
      return n === ch.EQ ? OPERATORS['=='] : undefined;
    case ch.BANG:
      return n === ch.EQ ? OPERATORS['!='] : undefined;
    case ch.AMP:
      return n === ch.AMP ? OPERATORS['&&'] : undefined;
    case ch.PIPE:
      return n === ch.PIPE ? OPERATORS['||'] : undefined;
    default:
      return undefined;
  }
}

class DirectParser {
  private pos = 0;
  /** Offset of the text the current nodes are relative to (a top-level block's start, or 0). */
  private base = 0;
  private source: SyntaxSource;
  /** Comments met so far, as start/end pairs of file offsets. */
  private readonly comments: number[] = [];
  private depth = 0;
  private pendingTag: TagOpen | undefined;

  constructor(private readonly text: string) {
    this.source = new SyntaxSource(text, 0);
  }

  /** The whole file, positions the file's own: `convertFile` of tree-sitter's tree. */
  file(): HclNode {
    const start = this.text.charCodeAt(0) === ch.BOM ? 1 : 0;
    this.pos = start;
    const children: HclNode[] = [];
    if (this.skip() === ch.LBRACE) bail('top-level object');
    if (this.pos < this.text.length) children.push(this.body(true));
    const root = new HclNode('config_file', true, null, start, this.text.length, children, false, this.source);
    this.placeComments(root, 0, 0);
    return root;
  }

  /**
   * The top-level blocks from `from` (the file's start, or the start of a top-level item), each
   * relative to its own start, reusing unchanged ones (as `convertTopLevel`); stops before an
   * item where `known` says the rest of the file is already parsed.
   */
  topLevel(reuse: BlockReuse, from: number, known: ((start: number) => boolean) | undefined): TopLevelParse {
    const t = this.text;
    const parse: TopLevelParse = { blocks: [], keys: [], next: new Map(), starts: [], stoppedAt: -1 };
    this.pos = from === 0 && t.charCodeAt(0) === ch.BOM ? 1 : from;
    if (from === 0 && this.skip() === ch.LBRACE) bail('top-level object');
    let row = rowsBetween(t, 0, from);
    let rowAt = from;
    while (this.skip() !== -1) {
      const start = this.pos;
      if (known?.(start)) {
        parse.stoppedAt = start;
        break;
      }
      const firstComment = this.comments.length;
      const column = start - (t.lastIndexOf('\n', start - 1) + 1);
      this.base = start;
      this.source = new SyntaxSource('', column);
      const node = this.item();
      parse.starts.push(start);
      if (node.type !== 'block') continue;
      const source = t.slice(start, this.pos);
      row += rowsBetween(t, rowAt, start);
      rowAt = start;
      // As in `convertTopLevel`: a block's column and text are its key.
      const key = column === 0 ? source : `${column}:${source}`;
      let placed = parse.next.get(key) ?? reuse.get(key);
      if (!placed) {
        this.placeComments(node, firstComment, start);
        this.source.settle((' ' + source).slice(1));
        placed = node;
      }
      parse.next.set(key, placed);
      parse.keys.push(key);
      parse.blocks.push({ node: placed, origin: { index: start, row } });
    }
    return parse;
  }

  // ---- lexing -------------------------------------------------------------------------

  /** Skips whitespace and comments (recording them); returns the next character, or -1 at the end. */
  private skip(): number {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (ch.isSpace(c)) {
        p++;
      } else if (c === ch.HASH || (c === ch.SLASH && t.charCodeAt(p + 1) === ch.SLASH)) {
        let e = t.indexOf('\n', p);
        if (e === -1) e = t.length;
        this.comments.push(p, e);
        p = e;
      } else if (c === ch.SLASH && t.charCodeAt(p + 1) === ch.STAR) {
        const e = t.indexOf('*/', p + 2);
        if (e === -1) bail('unterminated comment');
        this.comments.push(p, e + 2);
        p = e + 2;
      } else {
        if (c >= 0x80 && ch.isOddSpace(c)) bail('unusual whitespace');
        this.pos = p;
        return p < t.length ? c : -1;
      }
    }
  }

  private leaf(type: string, named: boolean, start: number, end: number): HclNode {
    return new HclNode(type, named, null, start - this.base, end - this.base, NO_CHILDREN, false, this.source);
  }

  /** The token of `length` characters at the current position (trivia already skipped). */
  private token(type: string, named: boolean, length: number): HclNode {
    const start = this.pos;
    this.pos = start + length;
    return this.leaf(type, named, start, start + length);
  }

  /** A named node holding one anonymous token, such as `block_start` holding `{`. */
  private wrapped(type: string, token: string): HclNode {
    const child = this.token(token, false, token.length);
    return new HclNode(type, true, null, child.startIndex, child.endIndex, [child], false, this.source);
  }

  /** A node spanning its first child's start to its last child's end, as tree-sitter sizes it. */
  private node(type: string, children: HclNode[], field: string | null = null): HclNode {
    return new HclNode(type, true, field, children[0].startIndex, children[children.length - 1].endIndex, children, false, this.source);
  }

  private expect(c: number, type: string): HclNode {
    if (this.skip() !== c) bail(`expected ${type}`);
    return this.token(type, false, 1);
  }

  /** Whether the word at the current position is exactly `word` (not a longer identifier). */
  private atKeyword(word: string): boolean {
    return this.text.startsWith(word, this.pos) && ch.identifierEnd(this.text, this.pos) === this.pos + word.length;
  }

  private keyword(word: string): HclNode {
    this.skip();
    if (!this.atKeyword(word)) bail(`expected ${word}`);
    return this.token(word, false, word.length);
  }

  private identifier(): HclNode {
    this.skip();
    const start = this.pos;
    const end = ch.identifierEnd(this.text, start);
    if (end === start) bail('expected an identifier');
    this.pos = end;
    return this.leaf('identifier', true, start, end);
  }

  // ---- structure ----------------------------------------------------------------------

  /** Attributes and blocks up to `}` (or the end of the file at the top level). */
  private body(top: boolean): HclNode {
    const items: HclNode[] = [];
    for (let c = this.skip(); top ? c !== -1 : c !== ch.RBRACE; c = this.skip()) items.push(this.item());
    if (!items.length) bail('empty body');
    return this.node('body', items);
  }

  private item(): HclNode {
    const name = this.identifier();
    if (this.skip() === ch.EQ) return this.node('attribute', [name, this.token('=', false, 1), this.expression(null)]);
    const children = [name];
    for (let c = this.skip(); c !== ch.LBRACE; c = this.skip()) children.push(c === ch.QUOTE ? this.quoted(LABEL) : this.identifier());
    children.push(this.wrapped('block_start', '{'));
    if (this.skip() !== ch.RBRACE) children.push(this.body(false));
    this.skip();
    children.push(this.wrapped('block_end', '}'));
    return this.node('block', children);
  }

  // ---- expressions --------------------------------------------------------------------

  private expression(field: string | null): HclNode {
    if (++this.depth > MAX_DEPTH) bail('nesting too deep');
    let inner = this.binary(0);
    while (this.skip() === ch.QUESTION) {
      const first = this.node('expression', inner);
      const question = this.token('?', false, 1);
      const then = this.expression(null);
      if (this.skip() !== ch.COLON || this.text.charCodeAt(this.pos + 1) === ch.COLON) bail('expected :');
      const colon = this.token(':', false, 1);
      const otherwise = this.node('expression', this.binary(0));
      inner = [this.node('conditional', [first, question, then, colon, otherwise])];
    }
    this.depth--;
    return this.node('expression', inner, field);
  }

  /** Operands at or above `minPrec`, left-associative: the nodes of one `_expr_term`. */
  private binary(minPrec: number): HclNode[] {
    let left = this.unary();
    for (;;) {
      this.skip();
      const op = binaryOperator(this.text, this.pos);
      if (!op || op.prec < minPrec) return left;
      const opNode = this.token(op.op, false, op.op.length);
      const right = this.binary(op.prec + 1);
      left = [this.node('operation', [this.node('binary_operation', [...left, opNode, ...right])])];
    }
  }

  private unary(): HclNode[] {
    const c = this.skip();
    if (c !== ch.MINUS && c !== ch.BANG) return this.term();
    if (c === ch.BANG && this.text.charCodeAt(this.pos + 1) === ch.EQ) bail('!= at an operand');
    if (++this.depth > MAX_DEPTH) bail('nesting too deep');
    const op = this.token(c === ch.MINUS ? '-' : '!', false, 1);
    const operand = this.unary();
    this.depth--;
    return [this.node('operation', [this.node('unary_operation', [op, ...operand])])];
  }

  /** A term and its postfix parts (attributes, indexes, splats), flattened as tree-sitter does. */
  private term(): HclNode[] {
    const c = this.skip();
    let out: HclNode[];
    if (c === ch.LPAREN) out = [this.token('(', false, 1), this.expression(null), this.expect(ch.RPAREN, ')')];
    else if (c === ch.LBRACKET) out = [this.tuple()];
    else if (c === ch.LBRACE) out = [this.object()];
    else if (c === ch.QUOTE) out = [this.quoted(QUOTED)];
    else if (c === ch.LT && this.text.charCodeAt(this.pos + 1) === ch.LT) out = [this.heredoc()];
    else if (ch.isDigit(c)) out = [this.node('literal_value', [this.number()])];
    else out = [this.named()];
    return this.postfix(out);
  }

  /** `true`, `false`, `null`, a function call or a variable. */
  private named(): HclNode {
    const start = this.pos;
    const end = ch.identifierEnd(this.text, start);
    if (end === start) bail('expected an expression');
    const len = end - start;
    if ((len === 4 && this.text.startsWith('true', start)) || (len === 5 && this.text.startsWith('false', start))) {
      return this.node('literal_value', [this.wrapped('bool_lit', this.text.slice(start, end))]);
    }
    if (len === 4 && this.text.startsWith('null', start)) return this.node('literal_value', [this.token('null_lit', true, 4)]);
    const name = this.token('identifier', true, len);
    if (this.skip() === ch.LPAREN) return this.call(name);
    return this.node('variable_expr', [name]);
  }

  private call(name: HclNode): HclNode {
    const children = [name, this.token('(', false, 1)];
    if (this.skip() !== ch.RPAREN) {
      const args = [this.expression(null)];
      for (;;) {
        const c = this.skip();
        if (c === ch.COMMA) {
          args.push(this.token(',', false, 1));
          if (this.skip() === ch.RPAREN) break;
          args.push(this.expression(null));
        } else if (c === ch.DOT) {
          if (!this.text.startsWith('...', this.pos)) bail('expected ...');
          args.push(this.token('ellipsis', true, 3));
          break;
        } else break;
      }
      children.push(this.node('function_arguments', args));
    }
    children.push(this.expect(ch.RPAREN, ')'));
    return this.node('function_call', children);
  }

  private number(): HclNode {
    const t = this.text;
    const start = this.pos;
    let p = start + 1;
    if (t.charCodeAt(start) === ch.D0 && (t.charCodeAt(p) | 0x20) === 120 && ch.isAsciiAlnum(t.charCodeAt(p + 1))) {
      p += 2;
      while (ch.isAsciiAlnum(t.charCodeAt(p))) p++;
    } else {
      while (ch.isDigit(t.charCodeAt(p))) p++;
      if (t.charCodeAt(p) === ch.DOT && ch.isDigit(t.charCodeAt(p + 1))) {
        p += 2;
        while (ch.isDigit(t.charCodeAt(p))) p++;
        const e = t.charCodeAt(p) | 0x20;
        const sign = t.charCodeAt(p + 1) === ch.PLUS || t.charCodeAt(p + 1) === ch.MINUS ? 1 : 0;
        if (e === 101 && ch.isDigit(t.charCodeAt(p + 1 + sign))) {
          p += 2 + sign;
          while (ch.isDigit(t.charCodeAt(p))) p++;
        }
      }
    }
    const after = t.charCodeAt(p);
    if (after === ch.DOT || ch.identifierEnd(t, p) !== p || ch.isDigit(after)) bail('number followed by a word or a dot');
    return this.token('numeric_lit', true, p - start);
  }

  private postfix(out: HclNode[]): HclNode[] {
    for (;;) {
      const c = this.skip();
      const n = this.text.charCodeAt(this.pos + 1);
      if (c === ch.DOT && n === ch.STAR) out.push(this.splat('attr_splat', '.*'));
      else if (c === ch.DOT && n !== ch.DOT) out.push(this.attribute());
      else if (c === ch.LBRACKET && n === ch.STAR && this.text.charCodeAt(this.pos + 2) === ch.RBRACKET) out.push(this.splat('full_splat', '[*]'));
      else if (c === ch.LBRACKET) out.push(this.index());
      else return out;
    }
  }

  /** `.name` (`get_attr`) or `.0` (`legacy_index`, whose digits are a hidden token). */
  private attribute(): HclNode {
    const dot = this.token('.', false, 1);
    const comments = this.comments.length;
    const c = this.skip();
    if (!ch.isDigit(c)) return this.node('get_attr', [dot, this.identifier()]);
    if (this.comments.length !== comments) bail('comment inside a legacy index');
    let p = this.pos;
    while (ch.isDigit(this.text.charCodeAt(p))) p++;
    if (ch.identifierEnd(this.text, p) !== p) bail('legacy index followed by a word');
    this.pos = p;
    return this.node('index', [this.node('legacy_index', [dot])]);
  }

  private index(): HclNode {
    const open = this.token('[', false, 1);
    const expr = this.expression(null);
    return this.node('index', [this.node('new_index', [open, expr, this.expect(ch.RBRACKET, ']')])]);
  }

  private splat(type: string, token: string): HclNode {
    const children = [this.token(token, false, token.length)];
    for (;;) {
      const c = this.skip();
      const n = this.text.charCodeAt(this.pos + 1);
      if (c === ch.DOT && n !== ch.STAR && n !== ch.DOT) children.push(this.attribute());
      else if (c === ch.LBRACKET && !(n === ch.STAR && this.text.charCodeAt(this.pos + 2) === ch.RBRACKET)) children.push(this.index());
      else break;
    }
    return this.node('splat', [this.node(type, children)]);
  }

  private tuple(): HclNode {
    const open = this.wrapped('tuple_start', '[');
    this.skip();
    if (this.atKeyword('for')) {
      const children = [open, this.forIntro(), this.expression(null)];
      this.forCond(children);
      children.push(this.closer(ch.RBRACKET, 'tuple_end', ']'));
      return this.node('for_expr', [this.node('for_tuple_expr', children)]);
    }
    const children = [open];
    while (this.skip() !== ch.RBRACKET) {
      children.push(this.expression(null));
      const c = this.skip();
      if (c === ch.COMMA) children.push(this.token(',', false, 1));
      else if (c !== ch.RBRACKET) bail('expected , or ]');
    }
    children.push(this.wrapped('tuple_end', ']'));
    return this.node('collection_value', [this.node('tuple', children)]);
  }

  private object(): HclNode {
    const open = this.wrapped('object_start', '{');
    this.skip();
    if (this.atKeyword('for')) {
      const children = [open, this.forIntro(), this.expression(null)];
      if (this.skip() !== ch.EQ || this.text.charCodeAt(this.pos + 1) !== ch.GT) bail('expected =>');
      children.push(this.token('=>', false, 2), this.expression(null));
      if (this.skip() === ch.DOT) {
        if (!this.text.startsWith('...', this.pos)) bail('expected ...');
        children.push(this.token('ellipsis', true, 3));
      }
      this.forCond(children);
      children.push(this.closer(ch.RBRACE, 'object_end', '}'));
      return this.node('for_expr', [this.node('for_object_expr', children)]);
    }
    const children = [open];
    while (this.skip() !== ch.RBRACE) {
      const key = this.expression('key');
      const c = this.skip();
      const n = this.text.charCodeAt(this.pos + 1);
      if (!((c === ch.EQ && n !== ch.EQ && n !== ch.GT) || (c === ch.COLON && n !== ch.COLON))) bail('expected = or :');
      const sep = this.token(c === ch.EQ ? '=' : ':', false, 1);
      children.push(this.node('object_elem', [key, sep, this.expression('val')]));
      if (this.skip() === ch.COMMA) children.push(this.token(',', false, 1));
    }
    children.push(this.wrapped('object_end', '}'));
    return this.node('collection_value', [this.node('object', children)]);
  }

  private closer(c: number, type: string, token: string): HclNode {
    if (this.skip() !== c) bail(`expected ${token}`);
    return this.wrapped(type, token);
  }

  /** `for k, v in coll :` */
  private forIntro(): HclNode {
    const children = [this.keyword('for'), this.identifier()];
    if (this.skip() === ch.COMMA) children.push(this.token(',', false, 1), this.identifier());
    children.push(this.keyword('in'), this.expression(null));
    if (this.skip() !== ch.COLON || this.text.charCodeAt(this.pos + 1) === ch.COLON) bail('expected :');
    children.push(this.token(':', false, 1));
    return this.node('for_intro', children);
  }

  private forCond(children: HclNode[]): void {
    this.skip();
    if (this.atKeyword('if')) children.push(this.node('for_cond', [this.token('if', false, 2), this.expression(null)]));
  }

  // ---- templates ----------------------------------------------------------------------

  /** A quoted string: a `string_lit` when it is text only (always, for a block label), else a `quoted_template`. */
  private quoted(kind: number): HclNode {
    const items = [this.token('quoted_template_start', true, 1)];
    this.template(kind, '', items, false);
    items.push(this.token('quoted_template_end', true, 1));
    if (kind === LABEL) return this.node('string_lit', items);
    if (items.length === 2 || (items.length === 3 && items[1].type === 'template_literal')) return this.node('literal_value', [this.node('string_lit', items)]);
    return this.node('template_expr', [this.node('quoted_template', items)]);
  }

  private heredoc(): HclNode {
    const t = this.text;
    const strip = t.charCodeAt(this.pos + 2) === ch.MINUS;
    const start = this.wrapped('heredoc_start', strip ? '<<-' : '<<');
    // The external scanner skips whitespace (not comments) before the identifier.
    let p = this.pos;
    while (ch.isSpace(t.charCodeAt(p))) p++;
    let q = p;
    for (let c = t.charCodeAt(q); ch.isAsciiAlnum(c) || c === ch.UNDERSCORE || c === ch.MINUS; c = t.charCodeAt(q)) q++;
    if (q === p || t.charCodeAt(q) >= 0x80) bail('heredoc identifier');
    this.pos = p;
    const id = t.slice(p, q);
    const items = [start, this.token('heredoc_identifier', true, q - p)];
    this.template(HEREDOC, id, items, false);
    items.push(this.token('heredoc_identifier', true, id.length));
    return this.node('template_expr', [this.node('heredoc_template', items)]);
  }

  /**
   * Template text, interpolations and directives up to the template's end (left at the
   * closing quote or heredoc identifier), or, `inDirective`, up to an `else`/`endif`/`endfor`
   * tag (kept in `pendingTag`). Mirrors the grammar's external scanner chunk by chunk: it skips
   * whitespace before each chunk, so a text run spans its first to its last non-blank chunk.
   */
  private template(kind: number, id: string, out: HclNode[], inDirective: boolean): number {
    const t = this.text;
    let litStart = -1;
    let litEnd = -1;
    let p = this.pos;
    for (;;) {
      let newline = false;
      let c = t.charCodeAt(p);
      while (ch.isSpace(c)) {
        if (c === ch.LF) newline = true;
        c = t.charCodeAt(++p);
      }
      if (p >= t.length) bail('unterminated template');
      if (c >= 0x80 && ch.isOddSpace(c)) bail('unusual whitespace in a template');
      let end: number;
      if (kind !== HEREDOC && c === ch.QUOTE) {
        if (inDirective) bail('quote inside a directive');
        this.pos = p;
        if (litStart >= 0) out.push(this.leaf('template_literal', true, litStart, litEnd));
        return END;
      } else if (kind !== LABEL && (c === ch.DOLLAR || c === ch.PERCENT)) {
        const n = t.charCodeAt(p + 1);
        if (n === ch.LBRACE) {
          if (litStart >= 0) out.push(this.leaf('template_literal', true, litStart, litEnd));
          litStart = -1;
          this.pos = p;
          if (c === ch.DOLLAR) out.push(this.interpolation());
          else {
            const tag = this.tagOpen();
            if (tag.keyword === 'if') out.push(this.templateIf(tag, kind, id));
            else if (tag.keyword === 'for') out.push(this.templateFor(tag, kind, id));
            else if (!inDirective) bail(`${tag.keyword} outside a directive`);
            else {
              this.pendingTag = tag;
              return tag.keyword === 'else' ? ELSE : tag.keyword === 'endif' ? ENDIF : ENDFOR;
            }
          }
          p = this.pos;
          continue;
        }
        end = n === c ? (t.charCodeAt(p + 2) === ch.LBRACE ? p + 3 : p + 2) : p + 1;
      } else if (kind === HEREDOC && newline && (end = this.heredocLine(p, id, inDirective)) !== p) {
        if (end < 0) {
          if (litStart >= 0) out.push(this.leaf('template_literal', true, litStart, litEnd));
          return END;
        }
      } else if (kind !== HEREDOC && c === ch.BACKSLASH) {
        end = this.escape(p);
      } else {
        end = p + ch.codePointLength(t, p);
      }
      if (litStart < 0) litStart = p;
      litEnd = end;
      p = end;
    }
  }

  /**
   * A heredoc line starting at `p` (after a newline): -1 if it closes the heredoc (position left
   * at the identifier), else where the scanner's chunk ends (`p` if the line does not start
   * with the identifier).
   */
  private heredocLine(p: number, id: string, inDirective: boolean): number {
    const t = this.text;
    let i = 0;
    while (i < id.length && t.charCodeAt(p + i) === id.charCodeAt(i)) i++;
    if (i < id.length) return p + i;
    let r = p + i;
    while (ch.isSpace(t.charCodeAt(r)) && t.charCodeAt(r) !== ch.LF) r++;
    if (r >= t.length) bail('heredoc closed at the end of the file');
    if (t.charCodeAt(r) === ch.LF) {
      if (inDirective) bail('heredoc closed inside a directive');
      this.pos = p;
      return -1;
    }
    if (t.charCodeAt(r) >= 0x80 && ch.isOddSpace(t.charCodeAt(r))) bail('unusual whitespace in a template');
    return r + ch.codePointLength(t, r);
  }

  /** End of the escape sequence at `p` in a quoted string; others are syntax errors. */
  private escape(p: number): number {
    const t = this.text;
    const n = t.charCodeAt(p + 1);
    if (n === ch.QUOTE || n === ch.BACKSLASH || n === 110 || n === 114 || n === 116) return p + 2;
    const digits = n === 117 ? 4 : n === 85 ? 8 : 0;
    if (!digits) bail('unknown escape');
    for (let i = 0; i < digits; i++) if (!ch.isHexDigit(t.charCodeAt(p + 2 + i))) bail('short unicode escape');
    return p + 2 + digits;
  }

  private stripMarker(children: HclNode[]): number {
    let c = this.skip();
    if (c === ch.TILDE) {
      children.push(this.token('strip_marker', true, 1));
      c = this.skip();
    }
    return c;
  }

  private interpolation(): HclNode {
    if (++this.depth > MAX_DEPTH) bail('nesting too deep');
    const children = [this.token('template_interpolation_start', true, 2)];
    const c = this.stripMarker(children);
    if (c === ch.RBRACE || c === ch.TILDE) bail('empty interpolation');
    children.push(this.expression(null));
    if (this.stripMarker(children) !== ch.RBRACE) bail('expected }');
    children.push(this.token('template_interpolation_end', true, 1));
    this.depth--;
    return this.node('template_interpolation', children);
  }

  private tagOpen(): TagOpen {
    const children = [this.token('template_directive_start', true, 2)];
    this.stripMarker(children);
    const keyword = TAG_KEYWORDS.find((k) => this.atKeyword(k));
    if (!keyword) bail('unknown directive');
    children.push(this.token(keyword, false, keyword.length));
    return { children, keyword };
  }

  private tagClose(type: string, children: HclNode[]): HclNode {
    if (this.stripMarker(children) !== ch.RBRACE) bail('expected }');
    children.push(this.token('template_directive_end', true, 1));
    return this.node(type, children);
  }

  private nextTag(): TagOpen {
    const tag = this.pendingTag;
    if (!tag) bail('missing tag');
    this.pendingTag = undefined;
    return tag;
  }

  private templateIf(open: TagOpen, kind: number, id: string): HclNode {
    if (++this.depth > MAX_DEPTH) bail('nesting too deep');
    open.children.push(this.expression(null));
    const children = [this.tagClose('template_if_intro', open.children)];
    let ended = this.template(kind, id, children, true);
    if (ended === ELSE) {
      children.push(this.tagClose('template_else_intro', this.nextTag().children));
      ended = this.template(kind, id, children, true);
    }
    if (ended !== ENDIF) bail('expected endif');
    children.push(this.tagClose('template_if_end', this.nextTag().children));
    this.depth--;
    return this.node('template_directive', [this.node('template_if', children)]);
  }

  private templateFor(open: TagOpen, kind: number, id: string): HclNode {
    if (++this.depth > MAX_DEPTH) bail('nesting too deep');
    open.children.push(this.identifier());
    if (this.skip() === ch.COMMA) open.children.push(this.token(',', false, 1), this.identifier());
    open.children.push(this.keyword('in'), this.expression(null));
    const children = [this.tagClose('template_for_start', open.children)];
    if (this.template(kind, id, children, true) !== ENDFOR) bail('expected endfor');
    children.push(this.tagClose('template_for_end', this.nextTag().children));
    this.depth--;
    return this.node('template_directive', [this.node('template_for', children)]);
  }

  // ---- comments -----------------------------------------------------------------------

  /**
   * Puts the comments met since `first` (file offsets; `base` is where `root` starts in the
   * file) into the innermost node of `root` with tokens on both sides, as tree-sitter places extras.
   */
  private placeComments(root: HclNode, first: number, base: number): void {
    for (let i = first; i < this.comments.length; i += 2) {
      const start = this.comments[i] - base;
      const end = this.comments[i + 1] - base;
      if (start < root.startIndex || end > root.endIndex) continue;
      let node = root;
      for (;;) {
        const kids = node.children as HclNode[];
        let lo = 0;
        let hi = kids.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (kids[mid].startIndex < start) lo = mid + 1;
          else hi = mid;
        }
        const prev = kids[lo - 1] as HclNode | undefined;
        if (prev && prev.endIndex > start) {
          if (prev.endIndex < end || !prev.children.length) bail('comment across a token');
          node = prev;
          continue;
        }
        // The source is still the one `root` was built against: the next block has not started.
        kids.splice(lo, 0, new HclNode('comment', true, null, start, end, NO_CHILDREN, false, this.source));
        break;
      }
    }
  }
}

/** The whole file as a plain tree, or `undefined` where tree-sitter must parse it. */
export function parseHclFile(text: string): HclNode | undefined {
  try {
    return new DirectParser(text).file();
  } catch {
    return undefined;
  }
}

/**
 * A file's top-level blocks as `convertTopLevel` gives them (with `next`, what the next version
 * can reuse), the key of each block in `next`, and where every top-level item starts.
 */
export interface TopLevelParse {
  blocks: PlacedBlock[];
  keys: string[];
  next: BlockReuse;
  /** Start offsets of all top-level items (attributes too), in order. */
  starts: number[];
  /** Where parsing stopped because the rest was known, else -1. */
  stoppedAt: number;
}

/** The file's top-level blocks (see `convertTopLevel`), or `undefined` where tree-sitter must parse it. */
export function parseHclTopLevel(text: string, reuse: BlockReuse): TopLevelParse | undefined {
  try {
    return new DirectParser(text).topLevel(reuse, 0, undefined);
  } catch {
    return undefined;
  }
}

/**
 * The top-level blocks from offset `from` (the start of a top-level item), stopping before the
 * first item where `known` says the rest of the file is already parsed; `undefined` where
 * tree-sitter must parse the text. `hclReparse.ts` splices the result into the previous version.
 */
export function parseHclTopLevelFrom(text: string, reuse: BlockReuse, from: number, known: (start: number) => boolean): TopLevelParse | undefined {
  try {
    return new DirectParser(text).topLevel(reuse, from, known);
  } catch {
    return undefined;
  }
}

/** Number of `\n` in `text` between `from` and `to`. */
export function rowsBetween(text: string, from: number, to: number): number {
  let rows = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) rows++;
  return rows;
}

/**
 * Why the direct parser leaves `text` to tree-sitter, or `undefined` if it parses it; a reason
 * starting with `internal error` is an exception the parser did not mean to raise (a bug).
 */
export function directParseBail(text: string): string | undefined {
  try {
    new DirectParser(text).file();
    return undefined;
  } catch (e) {
    return e instanceof Bail ? e.message : `internal error: ${String(e)}`;
  }
}
