/** Seeded input mutations for the detector fuzz test. Deterministic for a given seed. */

export type Rng = () => number;

/** mulberry32: small, fast, and good enough to spread mutations. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, max: number) => Math.floor(rng() * max);

export interface Mutation {
  name: string;
  /** `ext` is the fixture's extension, for mutations that must speak the format. */
  apply(text: string, rng: Rng, ext: string): string;
}

/** A deeply nested value inside the document, in the file's own syntax, where the evaluators will read it. */
function deepValue(text: string, rng: Rng, ext: string): string {
  const depth = 20000;
  const value = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  const all = lines(text);
  const at = int(rng, all.length + 1);
  const line = ext === '.tf' ? `  deep = ${value}` : ext === '.json' ? `"deep": ${value},` : `deep: ${value}`;
  return [...all.slice(0, at), line, ...all.slice(at)].join('\n');
}

function lines(text: string): string[] {
  return text.split('\n');
}

export const MUTATIONS: Mutation[] = [
  { name: 'truncated', apply: (t, rng) => t.slice(0, int(rng, t.length)) },
  {
    name: 'random bytes inserted',
    apply: (t, rng) => {
      let out = t;
      for (let i = 0; i < 8; i++) {
        const at = int(rng, out.length + 1);
        const junk = Array.from({ length: 1 + int(rng, 6) }, () => String.fromCharCode(int(rng, 256))).join('');
        out = out.slice(0, at) + junk + out.slice(at);
      }
      return out;
    },
  },
  {
    name: 'lines deleted',
    apply: (t, rng) => lines(t).filter(() => rng() > 0.25).join('\n'),
  },
  {
    name: 'lines duplicated',
    apply: (t, rng) => lines(t).flatMap((l) => (rng() < 0.2 ? [l, l] : [l])).join('\n'),
  },
  {
    name: 'deep nesting',
    apply: (t, rng) => {
      const [open, close] = [['{', '}'], ['[', ']'], ['(', ')']][int(rng, 3)];
      const depth = 5000;
      return `${t}\nx = ${open.repeat(depth)}1${close.repeat(depth)}\n${open.repeat(depth)}`;
    },
  },
  {
    name: 'binary content',
    apply: (_t, rng) => Buffer.from(Array.from({ length: 65536 }, () => int(rng, 256))).toString('latin1'),
  },
  {
    name: 'invalid UTF-8',
    apply: (t, rng) => {
      const bytes = Buffer.from(t, 'utf8');
      for (let i = 0; i < 16 && bytes.length; i++) bytes[int(rng, bytes.length)] = [0xc3, 0xff, 0xfe, 0x80][int(rng, 4)];
      return bytes.toString('utf8');
    },
  },
  { name: 'CRLF line ends', apply: (t) => t.replace(/\r?\n/g, '\r\n') },
  { name: 'deeply nested value', apply: deepValue },
  {
    name: 'quotes and brackets removed',
    apply: (t, rng) => t.replace(/["'{}[\]:=]/g, (c) => (rng() < 0.3 ? '' : c)),
  },
  { name: 'tabs and NULs', apply: (t) => t.replace(/ {2}/g, '\t').replace(/\n\n/g, '\n\0\n') },
];

/** One 20 MB variant per file type: the fixture repeated. */
export function huge(text: string, bytes = 20 * 1024 * 1024): string {
  const unit = text.length ? text : 'x\n';
  return unit.repeat(Math.ceil(bytes / unit.length));
}
