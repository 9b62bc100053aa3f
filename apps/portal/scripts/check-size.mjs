// @ts-check
/**
 * Size budget (issue: portal wizard). Reads the Vite manifest of a fresh build and checks, in gzip bytes:
 * - the initial JS: the entry chunk plus every chunk it imports statically (what the first page load
 *   downloads before any route chunk) <= 110 KB;
 * - the wizard: its route chunk plus the chunks it imports statically that the initial load did not
 *   already bring (what opening the wizard downloads) <= 30 KB.
 * Run by `pnpm test` after `vite build --manifest` (see package.json). Exits 1 over budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const BUDGETS = { initial: 110 * KB, wizard: 30 * KB };
const WIZARD_ROUTE = 'src/app/routes/oauth-client-new.tsx';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
/** @type {Record<string, { file: string; isEntry?: boolean; imports?: string[] }>} */
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

/** Keys of `key` and everything it imports statically (dynamic imports are loaded later, on demand). */
function staticClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) staticClosure(dep, seen);
  return seen;
}

const gzipSize = (/** @type {string} */ file) => gzipSync(readFileSync(join(dist, file))).length;
const jsFiles = (/** @type {Iterable<string>} */ keys) =>
  /** @type {string[]} */ (
    [...keys].map((key) => manifest[key]?.file).filter((file) => file?.endsWith('.js'))
  );
const total = (/** @type {string[]} */ files) => files.reduce((sum, file) => sum + gzipSize(file), 0);

const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
if (!entry) throw new Error('no entry chunk in the manifest: was the build run with --manifest?');
if (!manifest[WIZARD_ROUTE]) throw new Error(`${WIZARD_ROUTE} is not a chunk of the build`);

const initialKeys = staticClosure(entry);
const wizardKeys = [...staticClosure(WIZARD_ROUTE)].filter((key) => !initialKeys.has(key));
const results = [
  { name: 'initial JS (entry + static imports)', files: jsFiles(initialKeys), budget: BUDGETS.initial },
  { name: 'wizard chunk (route + its own imports)', files: jsFiles(wizardKeys), budget: BUDGETS.wizard },
];

let failed = false;
for (const { name, files, budget } of results) {
  const size = total(files);
  const ok = size <= budget;
  failed ||= !ok;
  console.info(
    `${ok ? 'ok  ' : 'OVER'} ${name}: ${(size / KB).toFixed(2)} KB gzip of ${budget / KB} KB  [${files.join(', ')}]`,
  );
}
if (failed) {
  console.error('Size budget exceeded. Lazy-load what the first screen does not need.');
  process.exit(1);
}
