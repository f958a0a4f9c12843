import { strict as assert } from 'node:assert';
import type { Parser } from 'web-tree-sitter';
import { createParser } from '../../../src/core/parsing/treeSitter';
import { convertFile } from '../../../src/core/parsing/hcl/hclConvert';
import { evaluate, type Scope } from '../../../src/core/detectors/terraform/hclEval';
import { attributesOf, rootBody } from '../../../src/core/parsing/hcl/hclTree';
import { Unresolved, type HclValue } from '../../../src/core/detectors/terraform/hclValue';

let parser: Parser;

/** Evaluates `x = <expr>` with the given variables and locals. */
function evalExpr(expr: string, variables: Record<string, HclValue> = {}, locals: Record<string, HclValue> = {}): HclValue {
  const text = `x = ${expr}\n`;
  const tree = parser.parse(text);
  assert.ok(tree);
  try {
    const node = attributesOf(rootBody(convertFile(tree, text))).get('x');
    assert.ok(node, `no attribute parsed from ${expr}`);
    const scope: Scope = { variables, local: (n) => locals[n] ?? new Unresolved(`local ${n}`) };
    return evaluate(node, scope);
  } finally {
    tree.delete();
  }
}

describe('HCL expression evaluation', () => {
  before(async () => {
    parser = await createParser('terraform');
  });

  const cases: [string, HclValue][] = [
    ['"p4d.24xlarge"', 'p4d.24xlarge'],
    ['"a ${var.s} b"', 'a mid b'],
    ['"esc \\"q\\" $${literal}"', 'esc "q" ${literal}'],
    ['3 * 2 + 1', 7],
    ['-4', -4],
    ['!true', false],
    ['var.n > 2 ? "big" : "small"', 'big'],
    ['var.m["k"]', 'v'],
    ['var.l[1]', 'b'],
    ['lookup(var.m, "k", "d")', 'v'],
    ['lookup(var.m, "missing", "d")', 'd'],
    ['merge({ a = 1 }, { b = 2 }, { a = 3 })', { a: 3, b: 2 }],
    ['coalesce("", "x")', 'x'],
    ['format("%s.%s", "g5", "xlarge")', 'g5.xlarge'],
    ['[for s in var.l : upper(s)]', ['A', 'B']],
    ['{ for k, v in var.m : v => k }', { v: 'k' }],
    ['max(var.n, 1)', 3],
    ['length(var.l)', 2],
    ['try(data.x.y, "fallback")', 'fallback'],
    ['local.a', 'A'],
    ['(1 + 1) * 3', 6],
    ['var.t && !var.f && var.m != null ? "y" : "n"', 'y'],
    ['var.nothing == null ? "unset" : "set"', 'unset'],
    ['{ for i in range(3) : "w${i}" => i % 2 == 0 }', { w0: true, w1: false, w2: true }],
    ['range(1, 7, 2)', [1, 3, 5]],
    ['substr("worker-pool", 0, 6)', 'worker'],
    ['contains(keys({ us-central1 = "a", us-east1 = "b" }), "us-central1")', true],
    ['contains(var.l, "z")', false],
    ['compact(["a", "", null, "b"])', ['a', 'b']],
    ['flatten([["a"], [["b"]], "c"])', ['a', 'b', 'c']],
    ['distinct(["a", "b", "a"])', ['a', 'b']],
    ['zipmap(["x", "y"], [1, 2])', { x: 1, y: 2 }],
    ['startswith("g2-standard-24", "g2-") && endswith("g2-standard-24", "-24")', true],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalExpr(expr, { s: 'mid', n: 3, m: { k: 'v' }, l: ['a', 'b'], t: true, f: false, nothing: null }, { a: 'A' }), expected);
    });
  }

  it('leaves what is known only after apply unresolved, with the reason', () => {
    const v = evalExpr('aws_instance.x.id');
    assert.ok(v instanceof Unresolved);
    assert.match(v.reason, /known only after apply/);
  });

  it('does not guess an unknown function', () => {
    const v = evalExpr('templatefile("x.tpl", {})');
    assert.ok(v instanceof Unresolved);
    assert.match(v.reason, /templatefile\(\) is not evaluated/);
  });

  it('decides a conditional whose branches agree even when the condition is unknown', () => {
    assert.equal(evalExpr('data.x.on ? "g5.xlarge" : "g5.xlarge"'), 'g5.xlarge');
    assert.ok(evalExpr('data.x.on ? "a" : "b"') instanceof Unresolved);
  });
});

describe('HCL templates', () => {
  before(async () => {
    parser = await createParser('terraform');
  });

  it('keeps spacing and non-ASCII text around interpolations', () => {
    assert.equal(evalExpr('"é ${var.s}  b"', { s: 'mid' }), 'é mid  b');
  });

  it('reads an indented heredoc as Terraform does', () => {
    assert.equal(evalExpr('<<-EOT\n    a ${var.s}\n      b\n    EOT', { s: 'x' }), 'a x\n  b\n');
  });
});

describe('HCL evaluation on hostile input', () => {
  before(async () => {
    parser = await createParser('terraform');
  });

  it('bounds recursion instead of overflowing the stack', () => {
    const v = evalExpr(`${'['.repeat(20000)}1${']'.repeat(20000)}`);
    const deepest = JSON.stringify(v, (_k, x) => (x instanceof Unresolved ? `U:${x.reason}` : x));
    assert.match(deepest, /nested deeper than 200 levels/);
  });
});
