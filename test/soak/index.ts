import { runSuite } from '../integration/index';

/** The soak run is its own suite (`npm run test:soak`): minutes long, so not part of `npm test`. */
export function run(): Promise<void> {
  return runSuite(__dirname);
}
