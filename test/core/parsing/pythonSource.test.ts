import { strict as assert } from 'node:assert';
import { parsePython } from '../../../src/core/parsing/source/pythonSource';
import { Alternatives, SerializedJson, Unresolved, whenOf, type SourceValue } from '../../../src/core/parsing/source/sourceValue';

/** The value of keyword `kw` in the last call named `name`. */
async function arg(code: string, name: string, kw: string): Promise<SourceValue | undefined> {
  const file = await parsePython(code);
  const call = file.calls.filter((c) => c.name === name).pop();
  assert.ok(call, `no call ${name}`);
  return call.kwargs.get(kw)?.value;
}

function options(v: SourceValue | undefined): [SourceValue, string][] {
  assert.ok(v instanceof Alternatives, `not alternatives: ${v instanceof Unresolved ? v.reason : JSON.stringify(v)}`);
  return v.options.map((o) => [o.value instanceof Unresolved ? `? ${o.value.reason}` : o.value, whenOf(o.picks)]);
}

describe('Python values as the interpreter runs them', () => {
  it('takes the branch of a module-level if/elif/else whose condition is known', async () => {
    const code = 'GPU = "A100"\nif GPU == "T4":\n    T = "g4"\nelif GPU in ("A100", "H100"):\n    T = "p4"\nelse:\n    T = "c5"\nrun(t=T)\n';
    assert.equal(await arg(code, 'run', 't'), 'p4');
  });

  it('lists each branch as an option when the condition is only known at run time', async () => {
    const code = 'import os\nif os.getenv("IS_TESTING_MACHINE"):\n    M = os.getenv("IS_TESTING_MACHINE")\nelse:\n    M = "n1-standard"\nCOMPUTE = M + "-" + "4"\nrun(m=COMPUTE)\n';
    assert.deepEqual(options(await arg(code, 'run', 'm')), [
      ['? comes from environment variable IS_TESTING_MACHINE', 'if `os.getenv("IS_TESTING_MACHINE")`'],
      ['n1-standard-4', 'else of `if os.getenv("IS_TESTING_MACHINE")`'],
    ]);
    const ternary = await arg('import sys\nrun(t="big" if sys.argv[1] else "small")\n', 'run', 't');
    assert.deepEqual(options(ternary).map(([v]) => v), ['big', 'small']);
  });

  it('keeps the earlier value for a branch that does not assign, and unpacks tuples', async () => {
    const code = 'import os\nGPU, N = ("NVIDIA_L4", 1)\nif os.getenv("BIG"):\n    GPU, N = "NVIDIA_A100", 8\nrun(g=GPU, n=N)\n';
    assert.deepEqual(options(await arg(code, 'run', 'g')).map(([v]) => v), ['NVIDIA_A100', 'NVIDIA_L4']);
    assert.deepEqual(options(await arg(code, 'run', 'n')).map(([v]) => v), [8, 1]);
  });

  it('looks up literal dicts and lists, and .get with a default', async () => {
    const code = 'MODELS = {"Claude 3.7 Sonnet": "claude-3-7-sonnet-latest", "Haiku": "claude-3-haiku"}\nSIZES = ["a", "b"]\n'
      + 'run(m=MODELS["Claude 3.7 Sonnet"], s=SIZES[-1], g=MODELS.get("Opus", "fallback"), x=MODELS["Opus"])\n';
    assert.equal(await arg(code, 'run', 'm'), 'claude-3-7-sonnet-latest');
    assert.equal(await arg(code, 'run', 's'), 'b');
    assert.equal(await arg(code, 'run', 'g'), 'fallback');
    assert.match((await arg(code, 'run', 'x') as Unresolved).reason, /looks up key "Opus", which the dict does not have/);
  });

  it('reads constants assigned inside the enclosing function, above the call', async () => {
    const code = 'T = "module"\ndef train():\n    T = "local"\n    a = run(t=T)\n    T = "later"\ndef other():\n    return run(t=T)\n';
    const file = await parsePython(code);
    assert.deepEqual(file.calls.filter((c) => c.name === 'run').map((c) => c.kwargs.get('t')?.value), ['local', 'module']);
  });

  it('passes **kwargs of a literal dict as keyword arguments', async () => {
    const code = 'def f():\n    params = {"instance_type": "ml.g5.xlarge", "instance_count": 2}\n    return run(entry="x", **params)\n';
    const file = await parsePython(code);
    const call = file.calls.find((c) => c.name === 'run');
    assert.equal(call?.kwargs.get('instance_type')?.value, 'ml.g5.xlarge');
    assert.equal(call?.hasSpread, false);
    const unknown = (await parsePython('def f(opts):\n    return run(**opts)\n')).calls[0];
    assert.equal(unknown.hasSpread, true);
  });

  it('gives a parameter the literals this file\'s callers pass, positionally or by name', async () => {
    const code = 'def deploy(count, instance_type="ml.m5.xlarge"):\n    return model.deploy(initial_instance_count=count, instance_type=instance_type)\n'
      + 'deploy(1, "ml.g5.xlarge")\ndeploy(count=2)\n';
    const file = await parsePython(code);
    const call = file.calls.find((c) => c.name === 'deploy' && c.enclosingFunction === 'deploy');
    assert.deepEqual(options(call?.kwargs.get('instance_type')?.value).map(([v]) => v), ['ml.g5.xlarge', 'ml.m5.xlarge']);
    assert.deepEqual(options(call?.kwargs.get('initial_instance_count')?.value).map(([v]) => v), [1, 2]);
  });

  it('says what a run-time value really is', async () => {
    const reason = async (expr: string, prelude = '') => ((await arg(`${prelude}run(v=${expr})\n`, 'run', 'v')) as Unresolved).reason;
    assert.equal(await reason('itype', 'def make(itype):\n    return '), 'comes from `itype`, a parameter of `make()`, which this file does not call');
    assert.equal(await reason('cfg.machine_type'), 'is an attribute of an object (`cfg.machine_type`), known only at run time');
    assert.equal(await reason('config.TYPE', 'import config\n'), 'comes from `config.TYPE`, set in an imported module (`import config`)');
    assert.equal(await reason('os.environ.get("T", "x")'), 'comes from environment variable T');
    assert.equal(await reason('input("type? ")'), 'is typed in when the program runs (`input()`)');
    assert.equal(await reason('pick()'), 'is computed at run time (`pick()`)');
    assert.equal(await reason('t', 'for t in TYPES:\n    '), 'comes from `t`, a loop variable (`for t in ...`)');
    assert.equal(await reason('UNDEFINED'), 'comes from `UNDEFINED`, which is not assigned in this file');
    assert.equal(await reason('sys.argv[1]'), 'is a command-line argument (`sys.argv`)');
  });

  it('reads a SageMaker pipeline parameter as its default_value, said so', async () => {
    const code = 'from sagemaker.workflow.parameters import ParameterString\nit = ParameterString(name="TrainingInstanceType", default_value="ml.g5.2xlarge")\nrun(a=it, b=it.default_value)\n';
    assert.deepEqual(options(await arg(code, 'run', 'a')), [['ml.g5.2xlarge', 'the default_value of pipeline parameter TrainingInstanceType; an execution can pass another']]);
    assert.equal(await arg(code, 'run', 'b'), 'ml.g5.2xlarge');
  });

  it('evaluates f-strings of known parts, enum members by name, and str()/int()', async () => {
    const code = 'N = 8\nGPU = aiplatform.gapic.AcceleratorType.NVIDIA_TESLA_A100\nrun(m=f"a2-highgpu-{N // 8}g", a=GPU.name, c=int("4"), s=str(N))\n';
    assert.equal(await arg(code, 'run', 'm'), 'a2-highgpu-1g');
    assert.equal(await arg(code, 'run', 'a'), 'NVIDIA_TESLA_A100');
    assert.equal(await arg(code, 'run', 'c'), 4);
    assert.equal(await arg(code, 'run', 's'), '8');
  });

  it('grows a list with .append and .extend, each call seeing the list as built above it', async () => {
    const code = 'SPECS = [{"m": "a"}]\nfirst(s=SPECS)\nSPECS.append({"m": "b"})\nsecond(s=SPECS)\nSPECS.extend([{"m": "c"}])\nthird(s=SPECS)\nSPECS.extend(more())\nfourth(s=SPECS)\n';
    assert.deepEqual(await arg(code, 'first', 's'), [{ m: 'a' }]);
    assert.deepEqual(await arg(code, 'second', 's'), [{ m: 'a' }, { m: 'b' }]);
    assert.deepEqual(await arg(code, 'third', 's'), [{ m: 'a' }, { m: 'b' }, { m: 'c' }]);
    const unknown = await arg(code, 'fourth', 's');
    assert.ok(unknown instanceof Unresolved && /extended with a value known only at run time/.test(unknown.reason));
  });

  it('writes json.dumps of a literal as Python does, and keeps the structure and literal text of one with run-time parts', async () => {
    assert.equal(await arg('import json\nrun(b=json.dumps({"a": 1, "b": [True, None, "x"]}))\n', 'run', 'b'), '{"a": 1, "b": [true, null, "x"]}');
    const partly = await arg('import json, sys\nrun(b=json.dumps({"text": sys.argv[1], "n": 2}))\n', 'run', 'b');
    assert.ok(partly instanceof SerializedJson);
    assert.deepEqual([partly.literal, partly.holes, (partly.data as { n: number }).n], ['{"text": "", "n": 2}', 1, 2]);
  });
});

