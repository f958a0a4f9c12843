import { strict as assert } from 'node:assert';
import { engineOptionsFrom, parseFinopsConfig } from '../../src/core/config/finopsConfig';

describe('.finops.yml', () => {
  it('reads defaults', () => {
    const { config, problems } = parseFinopsConfig('version: 1\ndefaults:\n  region: eu-west-1\n  hoursPerMonth: 720\n  pricing: spot\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.defaults, { region: 'eu-west-1', hoursPerMonth: 720, pricing: 'spot' });
    const options = engineOptionsFrom(config, { defaultRegion: 'us-west-2', hoursPerMonth: 700 });
    assert.equal(options.hoursPerMonth, 720);
    assert.equal(options.defaultRegion, 'eu-west-1');
    assert.equal(options.defaultRegionSource, '.finops.yml');
  });

  it('names the line of each problem and keeps the valid values', () => {
    const { config, problems } = parseFinopsConfig('version: 1\ndefaults:\n  region: us-east-1\n  hoursPerMonth: 9000\n  pricing: cheap\nsurprise: 1\n');
    assert.deepEqual(problems, [
      { line: 6, message: 'unknown key "surprise"' },
      { line: 4, message: 'defaults.hoursPerMonth must be a number from 1 to 744' },
      { line: 5, message: 'defaults.pricing must be one of on-demand, spot, reserved' },
    ]);
    assert.equal(config.defaults.region, 'us-east-1');
    assert.equal(config.defaults.hoursPerMonth, undefined);
  });

  it('reports malformed YAML with its line and falls back to defaults', () => {
    const { config, problems } = parseFinopsConfig('version: 1\ndefaults: [\n  region: x\n');
    assert.ok(problems.length > 0);
    assert.ok(problems[0].line >= 2);
    assert.deepEqual(config.defaults, {});
    assert.equal(engineOptionsFrom(config).hoursPerMonth, 730);
  });

  it('uses settings when .finops.yml is silent, and 730 h otherwise', () => {
    assert.equal(engineOptionsFrom(undefined, { hoursPerMonth: 700 }).hoursPerMonth, 700);
    assert.equal(engineOptionsFrom(undefined).hoursPerMonth, 730);
    assert.equal(engineOptionsFrom(undefined, { defaultRegion: 'us-west-2' }).defaultRegionSource, 'settings');
  });
});

describe('.finops.yml spend and budgets', () => {
  it('reads the spend source, its options and tag keys', () => {
    const { config, problems } = parseFinopsConfig(
      'spend:\n  source: focus\n  path: exports/\n  metric: billed\n  tags:\n    team: [team, owner]\n    project: app\n',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.spend?.source, 'focus');
    assert.deepEqual(config.spend?.path, 'exports/');
    assert.deepEqual(config.spend?.metric, 'billed');
    assert.deepEqual(config.spend?.tags, { team: ['team', 'owner'], project: ['app'] });
  });

  it('reads budgets per team and project with default and own thresholds, and names bad lines', () => {
    const { config, problems } = parseFinopsConfig(
      'budgets:\n  thresholds: [1, 0.5]\n  teams:\n    NLP: 12000\n    vision:\n      monthly: 800\n      thresholds: [0.9]\n    bad: lots\n  projects:\n    summarizer: 3000\nspend:\n  source: ftp\n',
    );
    assert.deepEqual(config.budgets?.budgets, [
      { dimension: 'team', key: 'nlp', monthly: 12000, thresholds: [0.5, 1] },
      { dimension: 'team', key: 'vision', monthly: 800, thresholds: [0.9] },
      { dimension: 'project', key: 'summarizer', monthly: 3000, thresholds: [0.5, 1] },
    ]);
    assert.deepEqual(problems.map((p) => p.line).sort(), [12, 8]);
    assert.ok(problems.some((p) => /budgets\.teams\.bad/.test(p.message)));
    assert.ok(problems.some((p) => /spend\.source must be one of/.test(p.message)));
  });
});
