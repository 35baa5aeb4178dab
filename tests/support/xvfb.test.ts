/**
 * What a test says when the machine lacks a system package: the package's name and the apt-get line to paste,
 * for tools and for the fonts the screens are drawn with (issue #10: a machine without the X core fonts and a CJK
 * font read other text, and the failure said nothing about fonts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { requireFonts, requireTools, startXvfb } from './xvfb.js';

const sudo = process.getuid?.() === 0 ? '' : 'sudo ';

describe('a missing system tool', () => {
  it('is named with its Debian package and the apt-get line that installs it', () => {
    // A PATH with a shell and nothing else: every tool is missing.
    const bin = mkdtempSync(join(tmpdir(), 'md-nopath-'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    const saved = process.env.PATH;
    process.env.PATH = bin;
    try {
      assert.throws(() => requireTools('xcalc', 'xmessage', 'import'), (e: Error) => {
        assert.match(e.message, /xcalc \(Debian package x11-apps\), xmessage \(Debian package x11-utils\), import \(Debian package imagemagick\)/);
        assert.ok(e.message.includes(`Install with: ${sudo}apt-get install -y --no-install-recommends x11-apps x11-utils imagemagick `), e.message);
        return true;
      });
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('the fonts the tests read', () => {
  it('an X server without the font packages fails with xfonts-base and xfonts-100dpi', async () => {
    // `-fp built-ins`: the font path of an Xvfb on a machine where no X font package is installed.
    const x = await startXvfb(320, 240, ['-fp', 'built-ins']);
    try {
      assert.throws(() => requireFonts(x.env, 'xaw'), (e: Error) => {
        assert.match(e.message, /8x13 .*\(Debian package xfonts-base\)/);
        assert.match(e.message, /Symbol .*\(Debian package xfonts-100dpi\)/);
        assert.ok(e.message.includes(`Install with: ${sudo}apt-get install -y --no-install-recommends xfonts-base xfonts-100dpi `), e.message);
        return true;
      });
    } finally {
      await x.stop();
    }
  });

  it('an X server started on this machine has them (scripts/setup.sh installs them)', async () => {
    const x = await startXvfb(320, 240);
    try {
      requireFonts(x.env, 'xaw');
    } finally {
      await x.stop();
    }
  });

  it('without a Chinese font, fails with fonts-wqy-microhei; this machine has one', () => {
    // A fontconfig setup that knows only DejaVu, the one font family a fresh Debian machine has.
    const dir = mkdtempSync(join(tmpdir(), 'md-fc-'));
    const conf = join(dir, 'fonts.conf');
    writeFileSync(conf, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${dir}/cache</cachedir></fontconfig>`);
    assert.throws(() => requireFonts({ ...process.env, FONTCONFIG_FILE: conf }, 'cjk'), (e: Error) => {
      assert.match(e.message, /Chinese font .*\(Debian package fonts-wqy-microhei\)/);
      assert.ok(e.message.includes(`Install with: ${sudo}apt-get install -y --no-install-recommends fonts-wqy-microhei `), e.message);
      return true;
    });
    requireFonts(process.env, 'cjk');
  });
});
