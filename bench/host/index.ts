import { runSuite } from '../../test/integration/index';

/** The host benchmarks run through the integration harness's runner, from this folder. */
export function run(): Promise<void> {
  return runSuite(__dirname);
}
