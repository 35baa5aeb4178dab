/**
 * The settings page's check of a model bundle folder before it is saved: the renderer cannot see files, so the
 * host looks, with magma-bundle.ts's cheap check (the manifest parses, every listed file is there with its size;
 * nothing is read or hashed). A bundle broken after it was saved is the run preflight's to say (brain-check.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { BundleError, checkBundleFiles } from '../adapters/magma-bundle.js';

/** Why this folder cannot be the model bundle, in words for the settings page; undefined when it can (or is empty). */
export function bundleFolderProblem(raw: string): string | undefined {
  const dir = raw.trim();
  if (!dir) return undefined;
  const clear = 'or clear the field to use no model.';
  if (!isAbsolute(dir)) return `The model bundle folder "${dir}" is not a full path. Give the whole path of the folder (for example /home/you/models/magma-int4), pick one from Installed models, ${clear}`;
  if (!existsSync(dir)) return `The model bundle folder "${dir}" does not exist, so the settings were not saved. Check the path, pick a Magma bundle from Installed models, ${clear}`;
  if (!statSync(dir).isDirectory()) return `"${dir}" is a file, not a folder. Give the folder that holds the bundle's manifest.json, ${clear}`;
  if (!existsSync(join(dir, 'manifest.json'))) {
    return `"${dir}" is not a Magma model bundle: it has no manifest.json. Give the folder that holds manifest.json and the model's .onnx files, ${clear}`;
  }
  try {
    checkBundleFiles(dir);
  } catch (e) {
    if (e instanceof BundleError) return `The model bundle in "${dir}" cannot be used: ${e.message}`;
    throw e;
  }
  return undefined;
}
