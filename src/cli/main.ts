import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDiffCommand, loadScanCommand, loadSpendCommand } from './commandLoader';
import { parseFailOn, parseUsd } from './failOn';
import { SCAN_FLAG_OPTIONS, SCAN_FLAGS_USAGE, scanSettings } from './scanSettings';
import { SPEND_USAGE } from './spendUsage';
import { UsageError } from './usageError';

const SCAN_USAGE = `  scan [PATH]            Estimate the cost of what PATH (default: .) declares
    --format FORMAT      table (default), json or markdown
    --fail-on RULES      exit 1 when a .finops.yml finding matches: missing-tags,
                         tag-values, savings or policy (any), comma-separated
${SCAN_FLAGS_USAGE}`;

const DIFF_USAGE = `  diff BASE HEAD         What changes in cost from BASE to HEAD, each a folder or
                         a git revision of the current repository
    --format FORMAT      table (default), json or markdown (a pull-request comment)
    --fail-over USD      exit 1 when the monthly cost rises by more than USD
    --fail-on RULES      exit 1 on findings in HEAD, as for scan
${SCAN_FLAGS_USAGE}`;

const OPTIONS_USAGE = `Options:
  -h, --help             Show this help
  --version              Print the version
`;

const USAGE = `Usage: ai-finops <command> [options]

Commands:
${SCAN_USAGE}${DIFF_USAGE}
${SPEND_USAGE}
${OPTIONS_USAGE}`;

/** Each command's own usage, so an error in one does not print the others'. */
const COMMAND_USAGE: Readonly<Record<string, string>> = {
  scan: SCAN_USAGE,
  diff: DIFF_USAGE,
  spend: SPEND_USAGE,
};

function usageFor(command: string): string {
  const own = COMMAND_USAGE[command];
  return own ? `Usage: ai-finops ${command} [options]\n\n${own}` : `Usage: ai-finops <command> [options]\n\nCommands: ${Object.keys(COMMAND_USAGE).join(', ')}. Run ai-finops --help for their options.\n`;
}

/** Read on request only, from the package next to dist/cli.js (and out/src/cli/ in tests, two levels up). */
function version(): string {
  const manifest = JSON.parse(fs.readFileSync(manifestPath(), 'utf8')) as { version: string };
  return manifest.version;
}

function manifestPath(): string {
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`no package.json above ${__dirname}`);
}

async function diffFromArgs(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'table' },
      'fail-over': { type: 'string' },
      'fail-on': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...SCAN_FLAG_OPTIONS,
    },
  });
  if (values.help) return (process.stdout.write(usageFor('diff')), 0);
  if (positionals.length !== 2) throw new UsageError('diff takes BASE and HEAD');
  return loadDiffCommand().runDiff(positionals[0], positionals[1], {
    format: values.format ?? 'table',
    failOverUsd: parseUsd('--fail-over', values['fail-over']),
    failOn: parseFailOn(values['fail-on']),
    cwd: process.cwd(),
    settings: scanSettings(values),
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') return (process.stdout.write(`${version()}\n`), 0);
  try {
    switch (command) {
      case 'scan': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { format: { type: 'string', default: 'table' }, 'fail-on': { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...SCAN_FLAG_OPTIONS },
        });
        if (values.help) return (process.stdout.write(usageFor('scan')), 0);
        if (positionals.length > 1) throw new UsageError('scan takes one PATH');
        return await loadScanCommand().runScan(positionals[0] ?? '.', values.format ?? 'table', parseFailOn(values['fail-on']), scanSettings(values));
      }
      case 'diff':
        return await diffFromArgs(rest);
      case 'spend':
        if (rest.includes('-h') || rest.includes('--help')) return (process.stdout.write(usageFor('spend')), 0);
        return await loadSpendCommand().runSpend(rest);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`ai-finops: ${(e as Error).message}\n\n${usageFor(command)}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`ai-finops: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
