/**
 * Where API keys live: never in settings.json, never in a log. The first backend that works wins:
 *   1. electron-safe-storage: inside Electron, safeStorage (Keychain on macOS, DPAPI on Windows, the Secret
 *      Service / KWallet on Linux) encrypts the key; the ciphertext sits in secrets.safe.json in the data folder.
 *   2. os-keychain: outside Electron (CLI, browser shell), the OS keychain through @napi-rs/keyring (keyring-rs:
 *      macOS Keychain, Windows Credential Manager, Linux Secret Service), when one answers.
 *   3. encrypted-file: otherwise (a headless Linux without a Secret Service), AES-256-GCM in secrets.enc.json with
 *      a key from MAGMA_DESK_SECRET_PASSPHRASE (scrypt) or, failing that, from a random key file beside it (0600).
 *      The second form keeps the key out of settings, backups of settings and logs, not from someone who can read
 *      your files: the store says so in its `warning`, and the settings page shows it.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type SecretBackend = 'electron-safe-storage' | 'os-keychain' | 'encrypted-file' | 'memory';

export interface SecretStore {
  readonly backend: SecretBackend;
  /** Set when the backend protects less than a person would assume. */
  readonly warning?: string;
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export const API_KEY_SECRET = 'openai-api-key';
const SERVICE = 'magma-desk';

/** The data folder the CLI and the browser shell share (Electron passes its userData folder instead). */
export function defaultSecretsDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'magma-desk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'magma-desk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'magma-desk');
}

export interface OpenSecretsOptions {
  dir?: string;
  /** Try Electron's safeStorage (default: when running inside Electron). */
  electron?: boolean;
  /** Try the OS keychain (default true). Tests turn it off so they never touch a real keychain. */
  keychain?: boolean;
  /** Passphrase for the encrypted file (default: MAGMA_DESK_SECRET_PASSPHRASE). */
  passphrase?: string;
}

/** Opens the best secret store this process can use. */
export async function openSecretStore(o: OpenSecretsOptions = {}): Promise<SecretStore> {
  const dir = o.dir ?? defaultSecretsDir();
  if (o.electron ?? Boolean(process.versions.electron)) {
    const s = await safeStorageStore(dir);
    if (s) return s;
  }
  if (o.keychain ?? true) {
    const s = keychainStore();
    if (s) return s;
  }
  return encryptedFileStore(dir, o.passphrase ?? process.env.MAGMA_DESK_SECRET_PASSPHRASE);
}

/** A store that forgets everything on exit (tests, or a key given for one run). */
export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const m = new Map(Object.entries(initial));
  return {
    backend: 'memory',
    get: async (n) => m.get(n),
    set: async (n, v) => void m.set(n, v),
    delete: async (n) => void m.delete(n),
  };
}

function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function writeJson0600(file: string, v: unknown) {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(v, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
  try {
    chmodSync(file, 0o600);
  } catch {
    /* Windows: ACLs of the user's profile folder apply */
  }
}

interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(s: string): Buffer;
  decryptString(b: Buffer): string;
  getSelectedStorageBackend?(): string;
}

async function safeStorageStore(dir: string): Promise<SecretStore | undefined> {
  let safe: SafeStorage | undefined;
  try {
    const electron = (await import('electron')) as unknown as { safeStorage?: SafeStorage; default?: { safeStorage?: SafeStorage } };
    safe = electron.safeStorage ?? electron.default?.safeStorage;
  } catch {
    return undefined;
  }
  if (!safe || !safe.isEncryptionAvailable()) return undefined;
  const s = safe;
  const file = join(dir, 'secrets.safe.json');
  const backend = s.getSelectedStorageBackend?.();
  return {
    backend: 'electron-safe-storage',
    ...(backend === 'basic_text'
      ? { warning: 'no keyring (Secret Service or KWallet) is running, so Electron encrypts the key with a fixed password: it is hidden from settings and logs, not from someone who can read your files' }
      : {}),
    async get(name) {
      const v = readJson(file)[name];
      if (typeof v !== 'string') return undefined;
      try {
        return s.decryptString(Buffer.from(v, 'base64'));
      } catch {
        return undefined;
      }
    },
    async set(name, value) {
      writeJson0600(file, { ...readJson(file), [name]: s.encryptString(value).toString('base64') });
    },
    async delete(name) {
      const all = readJson(file);
      delete all[name];
      writeJson0600(file, all);
    },
  };
}

interface KeyringEntry {
  getPassword(): string | null | undefined;
  setPassword(p: string): void;
  deletePassword(): boolean | void;
}

function keychainStore(): SecretStore | undefined {
  let Entry: new (service: string, account: string) => KeyringEntry;
  try {
    Entry = (createRequire(import.meta.url)('@napi-rs/keyring') as { Entry: typeof Entry }).Entry;
  } catch {
    return undefined;
  }
  try {
    // A read proves a keychain answers (a headless Linux has no Secret Service: this throws).
    new Entry(SERVICE, '__probe__').getPassword();
  } catch {
    return undefined;
  }
  return {
    backend: 'os-keychain',
    get: async (name) => new Entry(SERVICE, name).getPassword() ?? undefined,
    set: async (name, value) => new Entry(SERVICE, name).setPassword(value),
    async delete(name) {
      try {
        new Entry(SERVICE, name).deletePassword();
      } catch {
        /* not there */
      }
    },
  };
}

/** AES-256-GCM entries {iv, tag, data} (base64) in secrets.enc.json; the key from a passphrase or a key file. */
export function encryptedFileStore(dir: string, passphrase?: string): SecretStore {
  const file = join(dir, 'secrets.enc.json');
  const keyFile = join(dir, 'secrets.key');
  const key = (): Buffer => {
    const all = readJson(file);
    let salt = typeof all._salt === 'string' ? Buffer.from(all._salt, 'base64') : undefined;
    if (!salt) {
      salt = randomBytes(16);
      writeJson0600(file, { ...all, _salt: salt.toString('base64') });
    }
    if (passphrase) return scryptSync(passphrase, salt, 32);
    if (!existsSync(keyFile)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    return scryptSync(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64'), salt, 32);
  };
  return {
    backend: 'encrypted-file',
    ...(passphrase
      ? {}
      : { warning: `no OS keychain answered, so the key is encrypted in ${file} with a key kept beside it: hidden from settings and logs, not from someone who can read your files (set MAGMA_DESK_SECRET_PASSPHRASE for a passphrase)` }),
    async get(name) {
      const e = readJson(file)[name] as { iv?: string; tag?: string; data?: string } | undefined;
      if (!e || typeof e !== 'object' || !e.iv || !e.tag || !e.data) return undefined;
      try {
        const d = createDecipheriv('aes-256-gcm', key(), Buffer.from(e.iv, 'base64'));
        d.setAuthTag(Buffer.from(e.tag, 'base64'));
        return Buffer.concat([d.update(Buffer.from(e.data, 'base64')), d.final()]).toString('utf8');
      } catch {
        return undefined; // wrong passphrase or a tampered file: no key, never a garbled one
      }
    },
    async set(name, value) {
      const k = key();
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', k, iv);
      const data = Buffer.concat([c.update(value, 'utf8'), c.final()]);
      writeJson0600(file, { ...readJson(file), [name]: { iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') } });
    },
    async delete(name) {
      const all = readJson(file);
      delete all[name];
      writeJson0600(file, all);
    },
  };
}
