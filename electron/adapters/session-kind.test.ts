import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionKind, sessionProblem } from './session-kind.js';

test('the session kind comes from the platform, the Wayland and X variables, and the X server when it is asked', () => {
  assert.equal(sessionKind({ DISPLAY: ':0' }, 'linux'), 'x11');
  assert.equal(sessionKind({ DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0', XDG_SESSION_TYPE: 'wayland' }, 'linux'), 'xwayland');
  assert.equal(sessionKind({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux'), 'wayland');
  assert.equal(sessionKind({}, 'linux'), 'headless');
  assert.equal(sessionKind({ DISPLAY: ':0' }, 'linux', { xwayland: true }), 'xwayland', 'the XWAYLAND extension gives it away when the variables were lost');
  assert.equal(sessionKind({}, 'win32'), 'windows');
  assert.equal(sessionKind({}, 'darwin'), 'macos');
});

test('X11 has no problem; Wayland and no display say what to do; XWayland can be allowed on purpose', () => {
  assert.equal(sessionProblem('x11', {}), undefined);
  assert.match(sessionProblem('xwayland', {})!, /Wayland session.*log in with an X11 \(Xorg\) session/);
  assert.equal(sessionProblem('xwayland', { MAGMA_DESK_ALLOW_XWAYLAND: '1' }), undefined);
  assert.match(sessionProblem('wayland', { MAGMA_DESK_ALLOW_XWAYLAND: '1' })!, /Wayland session/);
  assert.match(sessionProblem('headless', {})!, /start Xvfb or run inside a desktop session/);
});
