import { strict as assert } from 'node:assert';
import { parsePython } from '../../../src/core/parsing/source/pythonSource';
import { Alternatives, DynamicText, returnOrigin, Unresolved, whenOf, type SourceValue } from '../../../src/core/parsing/source/sourceValue';

/** The value of keyword `kw` in the last call named `name`. */
async function arg(code: string, name: string, kw: string): Promise<SourceValue | undefined> {
  const file = await parsePython(code);
  const call = file.calls.filter((c) => c.name === name).pop();
  assert.ok(call, `no call ${name}`);
  return call.kwargs.get(kw)?.value;
}

function reason(v: SourceValue | undefined): string {
  assert.ok(v instanceof Unresolved, `not run time: ${JSON.stringify(v)}`);
  return v.reason;
}

describe('Calls of functions defined in the same file', () => {
  it('gives a call the value its return builds from the arguments, by position, keyword or default', async () => {
    const code = [
      'def build(review, tone="neutral", *, lang="en"):',
      '    content = f"Classify ({tone}, {lang}): <review>{review}</review>"',
      '    return [{"role": "user", "content": content}]',
      'send(a=build("Great film"), b=build("Dull", tone="harsh"), c=build(review="Ok", lang="fr"))',
    ].join('\n');
    assert.deepEqual(await arg(code, 'send', 'a'), [{ role: 'user', content: 'Classify (neutral, en): <review>Great film</review>' }]);
    assert.deepEqual(await arg(code, 'send', 'b'), [{ role: 'user', content: 'Classify (harsh, en): <review>Dull</review>' }]);
    assert.deepEqual(await arg(code, 'send', 'c'), [{ role: 'user', content: 'Classify (neutral, fr): <review>Ok</review>' }]);
  });

  it('keeps the literal text of a return whose holes are only known at run time, and marks where it came from', async () => {
    const code = 'import sys\ndef prompt(q):\n    return f"Answer briefly: {q}"\nsend(p=[prompt(sys.argv[1])])\n';
    const [value] = (await arg(code, 'send', 'p')) as SourceValue[];
    assert.ok(value instanceof DynamicText);
    assert.equal(value.literal, 'Answer briefly: ');
    assert.equal(value.holes, 1);
    assert.equal(returnOrigin(value), 'prompt()');
  });

  it('calls the definition above the call, as notebook cells redefine a helper', async () => {
    const code = 'def p(x):\n    return "first " + x\nsend(v=p("a"))\ndef p(x):\n    return "second " + x\nsend(v=p("b"))\n';
    const file = await parsePython(code);
    assert.deepEqual(file.calls.filter((c) => c.name === 'send').map((c) => c.kwargs.get('v')?.value), ['first a', 'second b']);
  });

  it('follows the branch the arguments decide, lists undecidable ones, and leaves out a raise', async () => {
    const code = [
      'import os',
      'def pick(kind):',
      '    if kind == "short":',
      '        return "Answer briefly."',
      '    elif kind == "long":',
      '        text = "Answer at length."',
      '        return text',
      '    raise ValueError(kind)',
      'send(a=pick("long"), b=pick(os.getenv("KIND")))',
    ].join('\n');
    assert.equal(await arg(code, 'send', 'a'), 'Answer at length.');
    const b = await arg(code, 'send', 'b');
    assert.ok(b instanceof Alternatives);
    assert.deepEqual(b.options.map((o) => [o.value, whenOf(o.picks)]), [
      ['Answer briefly.', 'if `kind == "short"`'],
      ['Answer at length.', 'elif `kind == "long"`'],
    ]);
  });

  it('returns None when the body can end without a return, and says when a return is inside a loop', async () => {
    assert.equal(await arg('def f():\n    x = 1\nsend(v=f())\n', 'send', 'v'), null);
    const looped = await arg('def f(items):\n    for i in items:\n        return i\nsend(v=f([1]))\n', 'send', 'v');
    assert.ok(looped instanceof Alternatives);
    assert.match(reason(looped.options[0].value), /returned inside a `for` block \(line 2\)/);
    assert.equal(looped.options[1].value, null);
  });

  it('reads the module for names the function does not bind, and nested helpers of the enclosing function', async () => {
    const code = [
      'SYSTEM = "You grade essays."',
      'def outer():',
      '    def inner(topic):',
      '        return SYSTEM + " Topic: " + topic',
      '    return send(v=inner("tides"))',
    ].join('\n');
    assert.equal(await arg(code, 'send', 'v'), 'You grade essays. Topic: tides');
  });

  it('gives an awaited async function its return, and says an unawaited one is a coroutine', async () => {
    const code = 'async def make():\n    return {"role": "user", "content": "hi"}\nasync def main():\n    m = await make()\n    send(a=m, b=make())\n';
    assert.deepEqual(await arg(code, 'send', 'a'), { role: 'user', content: 'hi' });
    assert.equal(reason(await arg(code, 'send', 'b')), 'is a coroutine of `async def make()`, not awaited here');
  });

  it('says why a call is run time: a decorator, a generator, a parameter not passed, *args', async () => {
    assert.equal(reason(await arg('@cache\ndef f():\n    return "x"\nsend(v=f())\n', 'send', 'v')), 'is the return value of `f()`, wrapped by a decorator (`@cache`)');
    assert.equal(reason(await arg('def f():\n    yield "x"\nsend(v=f())\n', 'send', 'v')), 'is the return value of `f()`, a generator');
    assert.equal(reason(await arg('def f(x):\n    return x\nsend(v=f())\n', 'send', 'v')), 'is the return value of `f()`, which comes from `x`, a parameter of `f()` the call does not pass');
    assert.equal(reason(await arg('def f(x):\n    return x\nsend(v=f(*ARGS))\n', 'send', 'v')), 'is the return value of `f()`, which comes from `x`, a parameter of `f()` passed through *args/**kwargs');
  });

  it('stops at recursion and at depth, without blowing up on calls that multiply', async () => {
    assert.equal(reason(await arg('def f(n):\n    return f(n - 1)\nsend(v=f(3))\n', 'send', 'v')), 'is the return value of `f()`, which calls itself');
    const mutual = await arg('def a(n):\n    return b(n)\ndef b(n):\n    return a(n)\nsend(v=a(1))\n', 'send', 'v');
    assert.match(reason(mutual), /calls itself$/);
    // Each function calls the one below it twice: followed naively, 2^40 calls.
    const chain = ['def f0(x):\n    return x'];
    for (let i = 1; i <= 40; i++) chain.push(`def f${i}(x):\n    return f${i - 1}(x) + f${i - 1}(x)`);
    const deep = await arg(`${chain.join('\n')}\nsend(v=f40("a"))\n`, 'send', 'v');
    assert.match(reason(deep), /called more than 12 functions deep|calls of its own functions to follow/);
    // Arguments only known at run time are not memoised: the per-file bound ends the walk.
    const runTime = await arg(`import sys\n${chain.join('\n')}\nsend(v=f40(sys.argv[1]))\n`, 'send', 'v');
    assert.ok(runTime instanceof Unresolved);
    const shallow = await arg(`${chain.slice(0, 4).join('\n')}\nsend(v=f3("a"))\n`, 'send', 'v');
    assert.equal(shallow, 'aaaaaaaa');
  });
});
