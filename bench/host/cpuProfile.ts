import { promises as fs } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * Records a V8 CPU profile of `work` inside the extension host, written to `file` (open it in
 * Chrome DevTools or VS Code). The host benchmark uses it to see what activation spends time on.
 */
export async function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    await fs.writeFile(file, JSON.stringify(profile));
  }
}
