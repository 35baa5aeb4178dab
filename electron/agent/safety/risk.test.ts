/** Quitting and closing (issue #10): what a person approving steps expects the gate to ask about. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Action } from '../../common/actions.js';
import { resolvedFor } from '../../../tests/safety/risk-eval.js';
import { classifyRisk } from './risk.js';

const click: Action = { kind: 'click', target: { mark: 0 } };
const tier = (label: string, screenTexts?: string[], action: Action = click) => classifyRisk(resolvedFor({ action, targets: [{ text: label }] }), { screenTexts }).tier;

test('a control that quits an application is high-risk in every language the list covers, with the reason shown', () => {
  for (const label of ['Quit', 'Exit', 'Force Quit', 'Quit Firefox', 'Beenden', 'Quitter', 'Salir', 'Esci', 'Sair', 'Выход', '退出', '終了', '종료', 'Q u i t']) {
    assert.equal(tier(label), 'high', label);
  }
  // xedit's own screen, as the parser reads it: its Quit button.
  const r = classifyRisk(resolvedFor({ action: click, targets: [{ text: 'Quit' }] }), { screenTexts: ['Quit', 'Save', 'Load', 'notes.txt', 'Read - Write'] });
  assert.deepEqual(r.reasons, ['target "Quit" quits an application; unsaved work there may be lost']);
  assert.equal(tier('Quit', undefined, { kind: 'right_click', target: { mark: 0 } }), 'high', 'a right-click acts on it too');
  assert.equal(tier('Quit', undefined, { kind: 'scroll', direction: 'down', amount: 1, target: { mark: 0 } }), 'normal', 'scrolling over it does not');
});

test('leaving full screen, a reader view or a tour is not quitting', () => {
  for (const label of ['Exit full screen', 'Quitter le mode plein écran', 'Salir de pantalla completa', 'Vollbild beenden', '退出全屏', 'Exit reader view', 'Exit tour', 'Closed issues']) {
    assert.equal(tier(label), 'normal', label);
  }
});

test('"Close" and a bare ✕ are normal on an info dialog or a toast, high-risk while the screen shows unsaved work', () => {
  assert.equal(tier('Close', ['Update installed successfully.', 'Close']), 'normal');
  assert.equal(tier('✕', ['Copied to clipboard', '✕']), 'normal');
  assert.equal(tier('Close', ['Contact us', 'Email*', '* Required', 'Settings', 'Save changes', 'Close']), 'normal', 'a required-field star or a Save button is not unsaved work');
  for (const marker of ['*notes.txt - gedit', '● main.ts - Visual Studio Code', 'report.md [Modified] - Kate', 'Budget.numbers — Edited', 'You have unsaved changes.', 'Hay cambios sin guardar', '文档未保存']) {
    assert.equal(tier('Close', [marker, 'Close']), 'high', marker);
    assert.equal(tier('×', [marker, '×']), 'high', `× with ${marker}`);
  }
  assert.equal(tier('Schließen', ['Ungespeicherte Änderungen', 'Schließen']), 'high');
});

test('"Don\'t save", "Close without saving", "Discard" and "No" to "Save changes?" throw work away; "Yes", "Save" and "Cancel" keep it', () => {
  const prompt = ['Save changes to "notes.txt" before closing?', 'Yes', 'No', 'Cancel'];
  for (const label of ["Don't Save", 'Don’t Save', 'Close without saving', 'Discard', 'Nicht speichern', 'Ne pas enregistrer', '保存しない']) assert.equal(tier(label, prompt), 'high', label);
  assert.equal(tier('No', prompt), 'high');
  assert.equal(tier('Nein', ['Änderungen an "Brief.odt" speichern?', 'Ja', 'Nein']), 'high');
  for (const label of ['Yes', 'Save', 'Cancel']) assert.equal(tier(label, prompt), 'normal', label);
  assert.equal(tier('No', ['Open the file in read-only mode?', 'Yes', 'No']), 'normal', '"No" to another question is not risky');
});

test('a generic OK/Yes under "quit?" or "changes will be lost" is high-risk; under "close?" only with unsaved work', () => {
  assert.equal(tier('OK', ['Are you sure you want to quit?', 'OK', 'Cancel']), 'high');
  assert.equal(tier('Yes', ['Unsaved changes will be lost. Continue?', 'Yes', 'No']), 'high');
  assert.equal(tier('OK', ['Close this window?', 'OK', 'Cancel']), 'normal');
  assert.equal(tier('OK', ['*notes.txt - gedit', 'Close this window?', 'OK', 'Cancel']), 'high');
  assert.equal(tier('Yes', ['*notes.txt - gedit', 'Save changes before you close?', 'Yes', 'No']), 'normal', 'Yes saves first');
});
