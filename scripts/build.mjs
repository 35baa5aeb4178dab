#!/usr/bin/env node
// Builds the app with esbuild:
//   renderer/dist/   the React renderer (index.html, app.js, styles.css), served by Electron (app://) and the browser shell
//   dist/electron/main/main.js        Electron main (ESM; native packages and electron stay external)
//   dist/electron/main/preprocess-worker.js  Magma's image preprocessing thread (ESM)
//   dist/electron/preload/preload.cjs the sandboxed preload (CJS, one file, no zod)
// Usage: node scripts/build.mjs [--renderer] [--electron] [--watch]   (no flag: everything)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const all = !args.has('--renderer') && !args.has('--electron');
const production = process.env.NODE_ENV !== 'development';

export async function buildRenderer(outDir = join(root, 'renderer', 'dist')) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'renderer', 'main.tsx')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120'],
    jsx: 'automatic',
    minify: production,
    sourcemap: true,
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'renderer', 'index.html'), join(outDir, 'index.html'));
  copyFileSync(join(root, 'renderer', 'styles.css'), join(outDir, 'styles.css'));
}

// Native packages are loaded from node_modules (unpacked from the asar), never bundled.
const EXTERNAL = ['electron', 'onnxruntime-node', '@nut-tree-fork/*', 'sharp', 'ws', 'bufferutil', 'utf-8-validate'];

export async function buildElectron() {
  await build({
    entryPoints: [join(root, 'electron', 'main', 'main.ts')],
    outfile: join(root, 'dist', 'electron', 'main', 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: ['node22'],
    external: EXTERNAL,
    sourcemap: true,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  // Magma's preprocessing thread (electron/agent/model/preprocess-in-worker.ts loads it from beside main.js).
  await build({
    entryPoints: [join(root, 'electron', 'agent', 'model', 'preprocess-worker.ts')],
    outfile: join(root, 'dist', 'electron', 'main', 'preprocess-worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: ['node22'],
    sourcemap: true,
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(root, 'electron', 'preload', 'preload.ts')],
    outfile: join(root, 'dist', 'electron', 'preload', 'preload.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: ['node22'],
    external: ['electron'],
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (all || args.has('--renderer')) await buildRenderer();
  if (all || args.has('--electron')) await buildElectron();
}
