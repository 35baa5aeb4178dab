import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { applySettingsPatch, DEFAULT_SETTINGS } from '../common/ipc-contract.js';
import { loadSettings, readSettingsFile, saveSettings, settingsFilePath } from './settings-file.js';

const dir = mkdtempSync(join(tmpdir(), 'md-settings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the settings file', () => {
  test('lives at <data dir>/settings.json', () => {
    assert.equal(settingsFilePath('/x/magma-desk'), join('/x/magma-desk', 'settings.json'));
  });

  test('a missing file gives the defaults without a problem', () => {
    assert.deepEqual(readSettingsFile(join(dir, 'none.json')), { settings: DEFAULT_SETTINGS });
    assert.deepEqual(loadSettings(undefined), DEFAULT_SETTINGS);
  });

  test('what is saved is what is loaded, and the file is private to the user', () => {
    const file = settingsFilePath(join(dir, 'a', 'b'));
    const s = { ...DEFAULT_SETTINGS, planner: 'openai' as const, maxSteps: 7, endpoint: { ...DEFAULT_SETTINGS.endpoint, baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } };
    saveSettings(file, s);
    assert.deepEqual(loadSettings(file), s);
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  test('a file written by hand with only some fields keeps the defaults for the rest (endpoint included)', () => {
    const file = join(dir, 'partial.json');
    writeFileSync(file, JSON.stringify({ planner: 'openai', endpoint: { baseUrl: 'http://127.0.0.1:8000/v1' } }));
    const s = loadSettings(file);
    assert.equal(s.planner, 'openai');
    assert.deepEqual(s.endpoint, { ...DEFAULT_SETTINGS.endpoint, baseUrl: 'http://127.0.0.1:8000/v1' });
    assert.deepEqual(s.hotkeys, DEFAULT_SETTINGS.hotkeys);
  });

  test('an unusable file gives the defaults and says which field is wrong', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ planner: 'gpt-9' }));
    const r = readSettingsFile(bad);
    assert.deepEqual(r.settings, DEFAULT_SETTINGS);
    assert.match(r.problem ?? '', /"planner" is not valid/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ planner: ');
    assert.match(readSettingsFile(broken).problem ?? '', /not readable JSON/);
    assert.equal(readFileSync(broken, 'utf8'), '{ planner: ', 'reading never rewrites the file');
  });
});

describe('the element sources setting (issue #15)', () => {
  test('a settings file from before the setting loads with both sources on', () => {
    const file = join(dir, 'before-sources.json');
    const { sources: _, ...old } = { ...DEFAULT_SETTINGS, planner: 'magma' as const };
    writeFileSync(file, JSON.stringify(old));
    const r = readSettingsFile(file);
    assert.equal(r.problem, undefined);
    assert.equal(r.settings.planner, 'magma');
    assert.deepEqual(r.settings.sources, { vision: true, accessibility: true });
  });

  test('a file that names one source keeps the default for the other, and a change to one leaves the other', () => {
    const file = join(dir, 'one-source.json');
    writeFileSync(file, JSON.stringify({ sources: { accessibility: false } }));
    const s = loadSettings(file);
    assert.deepEqual(s.sources, { vision: true, accessibility: false });
    assert.deepEqual(applySettingsPatch(s, { sources: { vision: false } }).sources, { vision: false, accessibility: false });
  });
});
