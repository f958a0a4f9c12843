import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KNOWN_KEYS, parseFinopsConfig } from '../../../src/core/config/finopsConfig';
import { CHECK_IDS } from '../../../src/core/config/sections/checks';
import { finopsConfigTemplate } from '../../../src/core/config/template';
import { analyzeFiles } from '../helpers';
import { largeFinopsYml } from '../robustness/hostileShapes';

const schemaFile = path.resolve(__dirname, '..', '..', '..', '..', 'schemas', 'finops.schema.json');

describe('.finops.yml tags and checks sections', () => {
  it('reads the tag policy and the check switches', () => {
    const text = 'version: 1\ntags:\n  required: [team, project, env]\n  allowed: { env: [dev, staging, prod] }\n  pattern: { project: "^[a-z0-9-]+$" }\nchecks: { spotForTraining: false }\n';
    const { config, problems } = parseFinopsConfig(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.tags.required, ['team', 'project', 'env']);
    assert.deepEqual(config.tags.allowed, { env: ['dev', 'staging', 'prod'] });
    assert.ok(config.tags.pattern?.project.test('llm-finetune'));
    assert.ok(!config.tags.pattern?.project.test('LLM_Finetune'));
    assert.deepEqual(config.checks, { spotForTraining: false });
  });

  it('names the line of each problem in tags and checks', () => {
    const text = [
      'version: 1', // 1
      'tags:', // 2
      '  required: team', // 3
      '  allowed:', // 4
      '    env: dev', // 5
      '  pattern:', // 6
      '    project: "([a-z"', // 7
      '  colour: blue', // 8
      'checks:', // 9
      '  spotForTraining: "no"', // 10
      '  cheapGpus: false', // 11
      '',
    ].join('\n');
    const { config, problems } = parseFinopsConfig(text);
    assert.deepEqual(
      problems.map((p) => [p.line, p.message.replace(/ is not a valid regular expression \(RE2 syntax\): .+/, ' is not a valid regular expression')]),
      [
        [8, 'unknown key "tags.colour"'],
        [3, 'tags.required must be a list of strings'],
        [5, 'tags.allowed.env must be a list of strings'],
        [7, 'tags.pattern.project is not a valid regular expression'],
        [10, 'checks.spotForTraining must be true or false'],
        [11, 'unknown check "cheapGpus" (known: tagPolicy, spotForTraining, previousGenerationGpu, devScaleToZero, gpuNotebook)'],
      ],
    );
    assert.deepEqual(config.tags.required, undefined);
  });

  it('runs tag patterns in linear time: a nested quantifier on a 30-character value answers at once', () => {
    const { config, problems } = parseFinopsConfig('version: 1\ntags:\n  pattern: { team: "^(a+)+$" }\n');
    assert.deepEqual(problems, []);
    // A backtracking engine takes tens of seconds here (past the test's timeout); RE2 is linear.
    assert.equal(config.tags.pattern?.team.test(`${'a'.repeat(30)}!`), false);
    assert.equal(config.tags.pattern?.team.test('aaa'), true);
  });

  it('rejects patterns that need backtracking with a message that says so', () => {
    const { config, problems } = parseFinopsConfig('version: 1\ntags:\n  pattern:\n    team: "^(a)\\\\1$"\n    env: "^(?!prod)"\n');
    assert.deepEqual(Object.keys(config.tags.pattern ?? {}), []);
    assert.deepEqual(problems.map((p) => p.line), [4, 5]);
    for (const p of problems) assert.match(p.message, /not a valid regular expression \(RE2 syntax\): .*backreferences and lookaround need a backtracking engine/);
  });

  it('reads no .finops.yml over the size bound, and says so', () => {
    const { config, problems } = parseFinopsConfig(largeFinopsYml(50e6));
    assert.deepEqual(config.tags, {});
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^\.finops\.yml not read: 5\d\.\d M characters is over the 1 M limit/);
  });

  it('ships a JSON Schema whose sections and checks match the readers', () => {
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as { properties: Record<string, { properties?: Record<string, unknown> }> };
    // Every section the schema offers has a reader (other sections join both together).
    for (const key of Object.keys(schema.properties)) {
      const { problems } = parseFinopsConfig(`${key}: ${key === 'version' ? '1' : '{}'}\n`);
      assert.deepEqual(problems.filter((p) => p.message.startsWith('unknown key')), [], key);
    }
    // ...and every section a reader takes is in the schema, so the editor does not flag it.
    assert.deepEqual(Object.keys(schema.properties).sort(), [...KNOWN_KEYS].sort());
    assert.deepEqual(Object.keys(schema.properties.checks.properties ?? {}).sort(), [...CHECK_IDS].sort());
    assert.deepEqual(Object.keys(schema.properties.tags.properties ?? {}).sort(), ['allowed', 'pattern', 'required']);
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(schemaFile), '..', 'package.json'), 'utf8')) as { contributes: { yamlValidation: { fileMatch: string; url: string }[] } };
    assert.deepEqual(manifest.contributes.yamlValidation, [{ fileMatch: '.finops.yml', url: './schemas/finops.schema.json' }]);
  });

  it('starts the template\'s tag policy from the keys resources already carry', async () => {
    const tf = 'resource "aws_instance" "a" {\n  instance_type = "m5.large"\n  tags = { team = "t", "cost:center" = "c" }\n}\nresource "aws_instance" "b" {\n  instance_type = "m5.large"\n  tags = { team = "u" }\n}\n';
    const { items } = await analyzeFiles({ 'main.tf': tf }, 'main.tf');
    const { config, problems } = parseFinopsConfig(finopsConfigTemplate(items));
    assert.deepEqual(problems, []);
    assert.deepEqual(config.tags.required, ['team', 'cost:center']);
    assert.deepEqual(parseFinopsConfig(finopsConfigTemplate([])).config.tags, {});
  });
});
