import type { WorkspaceReader } from '../detectors/types';

/**
 * Remembers recent reads for one scan: every file of a Terraform module reads all the
 * module's other files, so without this a folder of N files is read N times. Bounded, and
 * meant to live only as long as the scan (files do not change under it in that time).
 */
export function cachingReader(reader: WorkspaceReader, capacity = 4096): WorkspaceReader {
  const texts = new Map<string, Promise<string | undefined>>();
  const listings = new Map<string, Promise<string[]>>();
  const remember = <T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
    let value = map.get(key);
    if (!value) {
      value = load();
      map.set(key, value);
      if (map.size > capacity) map.delete(map.keys().next().value as string);
    }
    return value;
  };
  return {
    readText: (file) => remember(texts, file, () => reader.readText(file)),
    listFiles: (dir) => remember(listings, dir, () => reader.listFiles(dir)),
  };
}
