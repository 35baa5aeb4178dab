// Typing any Unicode text the way a keyboard would, through XTest.
//  1. A character the current layout has (in the active group) is sent as that key, with the Shift or AltGr
//     (ISO_Level3_Shift) its level needs, computed from the XKB key types and the locked modifiers (Caps Lock).
//     Only direct keysyms count: a dead key is never used to compose a character (Xaw has no input method).
//  2. Any other character goes through a spare keycode (one with no symbols) remapped for the moment to the
//     character's keysym, as xdotool does: several spares in rotation, least recently used first; a mapping stays
//     until its keycode is reused. Clients read a changed keymap late (Chromium re-reads it asynchronously and
//     translated a key with the old map), so XSync alone is not enough: after a remap the key waits kSettleMs, and a
//     keycode is remapped only kReuseMs after its last key event. prepare() maps all the characters of a text that
//     need spares at once, so a whole text waits for one settle, not one per character.
//  3. The keymap is re-read when the server says it changed (XkbNewKeyboardNotify, or an XkbMapNotify that is not
//     one of our own remaps), so a layout switch (setxkbmap) is seen by the next character.
#pragma once
#include "libs.h"
#include <chrono>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace x11 {

class Keyboard {
 public:
  // A spare keycode is remapped again only this long after its last key event.
  static constexpr int kReuseMs = 150;
  // A remapped keycode is pressed only this long after the remap.
  static constexpr int kSettleMs = 30;
  static constexpr int kMaxSpares = 64;

  Keyboard(Display* dpy, const Libs& libs);
  ~Keyboard();
  Keyboard(const Keyboard&) = delete;
  Keyboard& operator=(const Keyboard&) = delete;

  // Sends one code point. Returns 0 when sent, a positive number of milliseconds to wait before asking again (every
  // spare keycode was used too recently), or -1 when no key can produce it (a control character, no spare keycode).
  int typeCodepoint(uint32_t cp);
  // Puts the characters of a text that the layout lacks on spare keycodes ahead of typing, as many as fit. Returns
  // the milliseconds to wait before the first of them is pressed (0 when nothing was remapped).
  int prepare(const std::vector<uint32_t>& cps);
  // Presses or releases the key of a keysym (combos: ctrl, c...). A keysym the layout lacks is put on a spare
  // keycode, which stays reserved while it is held. Returns false when no keycode can carry it.
  bool key(KeySym ks, bool down);
  // Reads the events the server sent (layout changes). Called before every key.
  void processEvents();

  struct Info { int reloads; int remaps; int spares; int group; };
  Info info() const { return {reloads_, remaps_, static_cast<int>(spares_.size()), group_}; }

 private:
  struct Stroke { KeyCode kc; unsigned mods; };
  struct Spare {
    KeyCode kc;
    KeySym sym = NoSymbol;  // what it is mapped to now
    std::chrono::steady_clock::time_point lastUsed{};
    int held = 0;
  };

  void reload();
  void refreshState();
  void buildStrokes();
  bool findStroke(uint32_t ucs, Stroke& out);
  // 0: already mapped there; >0: remapped (wait that long) or every spare too recent (wait and ask again); -1: none.
  int spareFor(KeySym ks, KeyCode& kc, const std::vector<KeyCode>& keep = {});
  int waitMs() const;  // until the last remap has settled
  std::chrono::steady_clock::time_point settledAt_{};
  void send(const Stroke& s);
  std::vector<KeyCode> modifierKeys(unsigned mods) const;

  Display* dpy_;
  const Libs& l_;
  int xkbEvent_ = -1;
  XkbDescPtr xkb_ = nullptr;
  std::vector<Spare> spares_;
  int group_ = 0;
  unsigned locked_ = 0;
  bool strokesValid_ = false;
  std::unordered_map<uint32_t, Stroke> strokes_;
  unsigned level3Mask_ = 0;
  KeyCode shiftKey_ = 0, level3Key_ = 0;
  int reloads_ = 0, remaps_ = 0;
};

// The Unicode character a keysym types, or 0 (function keys, dead keys, keysyms outside Latin-1 and Unicode).
uint32_t keysymToUcs(KeySym ks);
// The keysym to put on a spare keycode for a code point (Latin-1 keysyms are the code points), or NoSymbol.
KeySym ucsToKeysym(uint32_t cp);

}  // namespace x11
