// See keyboard.h for the strategy. Every key event is followed by XSync, so the order of remaps, key events and
// other clients' requests on the server is the order of the calls here.
#include "keyboard.h"
#include <X11/keysym.h>
#include <algorithm>
#include <thread>

namespace x11 {

uint32_t keysymToUcs(KeySym ks) {
  if ((ks >= 0x20 && ks <= 0x7e) || (ks >= 0xa0 && ks <= 0xff)) return static_cast<uint32_t>(ks);
  if ((ks & 0xff000000UL) == 0x01000000UL) return static_cast<uint32_t>(ks & 0x00ffffffUL);
  switch (ks) {
    case XK_Return: return '\n';
    case XK_Tab: return '\t';
    case XK_EuroSign: return 0x20ac;
    default: return 0;  // legacy keysyms outside Latin-1 are typed through a spare keycode instead
  }
}

KeySym ucsToKeysym(uint32_t cp) {
  if (cp == '\n' || cp == '\r') return XK_Return;
  if (cp == '\t') return XK_Tab;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return NoSymbol;
  if (cp <= 0xff) return cp;
  return 0x01000000UL | cp;
}

Keyboard::Keyboard(Display* dpy, const Libs& libs) : dpy_(dpy), l_(libs) {
  int opcode = 0, err = 0, major = XkbMajorVersion, minor = XkbMinorVersion;
  if (l_.XkbQueryExtension(dpy_, &opcode, &xkbEvent_, &err, &major, &minor)) {
    const unsigned long mask = XkbNewKeyboardNotifyMask | XkbMapNotifyMask;
    l_.XkbSelectEvents(dpy_, XkbUseCoreKbd, mask, mask);
  } else {
    xkbEvent_ = -1;
  }
  reload();
  refreshState();
}

Keyboard::~Keyboard() {
  // Leave the keymap as it was found: spares back to no symbol.
  for (auto& s : spares_) {
    if (s.sym == NoSymbol) continue;
    KeySym none = NoSymbol;
    l_.ChangeKeyboardMapping(dpy_, s.kc, 1, &none, 1);
  }
  l_.Sync(dpy_, False);
  if (xkb_) l_.XkbFreeKeyboard(xkb_, 0, True);
}

void Keyboard::reload() {
  if (xkb_) l_.XkbFreeKeyboard(xkb_, 0, True);
  xkb_ = l_.XkbGetMap(dpy_, XkbKeyTypesMask | XkbKeySymsMask | XkbModifierMapMask, XkbUseCoreKbd);
  reloads_++;
  strokesValid_ = false;
  shiftKey_ = level3Key_ = 0;
  level3Mask_ = 0;
  std::vector<Spare> kept;
  if (!xkb_ || !xkb_->map) { spares_.clear(); return; }
  for (int kc = xkb_->min_key_code; kc <= xkb_->max_key_code; kc++) {
    const int n = XkbKeyNumSyms(xkb_, kc);
    const KeySym first = n > 0 ? XkbKeySymEntry(xkb_, kc, 0, 0) : NoSymbol;
    if (first == XK_Shift_L && !shiftKey_) shiftKey_ = kc;
    if (first == XK_ISO_Level3_Shift && !level3Key_ && xkb_->map->modmap[kc]) {
      level3Key_ = kc;
      level3Mask_ = xkb_->map->modmap[kc];
    }
    // A spare is a keycode with no symbols, or one of ours that still carries what we put there.
    auto mine = std::find_if(spares_.begin(), spares_.end(), [&](const Spare& s) { return s.kc == kc; });
    if (mine != spares_.end() && n > 0 && first == mine->sym) kept.push_back(*mine);
    else if (n == 0 && static_cast<int>(kept.size()) < kMaxSpares) {
      Spare s;
      s.kc = static_cast<KeyCode>(kc);
      if (mine != spares_.end()) s.lastUsed = mine->lastUsed;
      kept.push_back(s);
    }
  }
  if (static_cast<int>(kept.size()) > kMaxSpares) kept.resize(kMaxSpares);
  spares_ = kept;
}

void Keyboard::refreshState() {
  XkbStateRec st{};
  if (l_.XkbGetState(dpy_, XkbUseCoreKbd, &st) != Success) return;
  const unsigned locked = st.locked_mods | st.latched_mods;
  if (st.group != group_ || locked != locked_) strokesValid_ = false;
  group_ = st.group;
  locked_ = locked;
}

void Keyboard::processEvents() {
  // A round trip first: every event caused by requests that ended before this call (setxkbmap) is now queued.
  l_.Sync(dpy_, False);
  bool changed = false;
  while (l_.Pending(dpy_) > 0) {
    XEvent ev;
    l_.NextEvent(dpy_, &ev);
    if (xkbEvent_ < 0 || ev.type != xkbEvent_) continue;  // core MappingNotify: the XKB events below say more
    const XkbEvent* xe = reinterpret_cast<const XkbEvent*>(&ev);
    if (xe->any.xkb_type == XkbNewKeyboardNotify) {
      changed = true;
    } else if (xe->any.xkb_type == XkbMapNotify) {
      // Our own remaps touch the symbols of spare keycodes only: those are ignored (no reload per character).
      const XkbMapNotifyEvent& m = xe->map;
      bool own = (m.changed & XkbKeySymsMask) && m.num_key_syms > 0;
      for (int kc = m.first_key_sym; own && kc < m.first_key_sym + m.num_key_syms; kc++) {
        own = std::any_of(spares_.begin(), spares_.end(), [&](const Spare& s) { return s.kc == kc; });
      }
      if (!own) changed = true;
    }
  }
  if (changed) reload();
  refreshState();
}

void Keyboard::buildStrokes() {
  strokes_.clear();
  strokesValid_ = true;
  if (!xkb_ || !xkb_->map) return;
  const unsigned combos[4] = {0, ShiftMask, level3Mask_, ShiftMask | level3Mask_};
  for (int kc = xkb_->min_key_code; kc <= xkb_->max_key_code; kc++) {
    if (std::any_of(spares_.begin(), spares_.end(), [&](const Spare& s) { return s.kc == kc; })) continue;
    const int groups = XkbKeyNumGroups(xkb_, kc);
    if (groups == 0) continue;
    const int g = group_ % groups;  // out-of-range groups wrap (the XKB default)
    const XkbKeyTypePtr type = XkbKeyKeyType(xkb_, kc, g);
    const int width = XkbKeyGroupWidth(xkb_, kc, g);
    for (unsigned mods : combos) {
      if ((mods & ShiftMask) && !shiftKey_) continue;
      if ((mods & ~ShiftMask) && (!level3Key_ || !level3Mask_)) continue;
      const unsigned eff = (mods | locked_) & type->mods.mask;
      int level = 0;
      for (int i = 0; i < type->map_count; i++) {
        if (type->map[i].active && type->map[i].mods.mask == eff) { level = type->map[i].level; break; }
      }
      if (level >= width) continue;
      const uint32_t ucs = keysymToUcs(XkbKeySymEntry(xkb_, kc, level, g));
      if (!ucs) continue;
      auto it = strokes_.find(ucs);
      // Fewest modifiers wins, then the lowest keycode (the main block comes before the keypad).
      if (it == strokes_.end() || __builtin_popcount(mods) < __builtin_popcount(it->second.mods)) {
        strokes_[ucs] = Stroke{static_cast<KeyCode>(kc), mods};
      }
    }
  }
}

bool Keyboard::findStroke(uint32_t ucs, Stroke& out) {
  if (!strokesValid_) buildStrokes();
  auto it = strokes_.find(ucs == '\r' ? '\n' : ucs);
  if (it == strokes_.end()) return false;
  out = it->second;
  return true;
}

std::vector<KeyCode> Keyboard::modifierKeys(unsigned mods) const {
  std::vector<KeyCode> keys;
  if (mods & ShiftMask) keys.push_back(shiftKey_);
  if (mods & ~ShiftMask) keys.push_back(level3Key_);
  return keys;
}

void Keyboard::send(const Stroke& s) {
  const auto mods = modifierKeys(s.mods);
  for (KeyCode m : mods) l_.TestFakeKeyEvent(dpy_, m, True, CurrentTime);
  l_.TestFakeKeyEvent(dpy_, s.kc, True, CurrentTime);
  l_.TestFakeKeyEvent(dpy_, s.kc, False, CurrentTime);
  for (auto it = mods.rbegin(); it != mods.rend(); ++it) l_.TestFakeKeyEvent(dpy_, *it, False, CurrentTime);
  l_.Sync(dpy_, False);
}

int Keyboard::spareFor(KeySym ks, KeyCode& kc, const std::vector<KeyCode>& keep) {
  const auto now = std::chrono::steady_clock::now();
  for (auto& s : spares_) {
    if (s.sym == ks) { s.lastUsed = std::max(s.lastUsed, now); kc = s.kc; return 0; }
  }
  Spare* lru = nullptr;
  for (auto& s : spares_) {
    if (s.held > 0 || std::find(keep.begin(), keep.end(), s.kc) != keep.end()) continue;
    if (!lru || s.lastUsed < lru->lastUsed) lru = &s;
  }
  if (!lru) return -1;
  const auto since = std::chrono::duration_cast<std::chrono::milliseconds>(now - lru->lastUsed).count();
  if (lru->sym != NoSymbol && since < kReuseMs) return static_cast<int>(kReuseMs - since);
  KeySym syms[2] = {ks, ks};  // both shift levels: Shift or Caps Lock cannot change what it types
  l_.ChangeKeyboardMapping(dpy_, lru->kc, 2, syms, 1);
  lru->sym = ks;
  lru->lastUsed = now;
  settledAt_ = now + std::chrono::milliseconds(kSettleMs);
  remaps_++;
  kc = lru->kc;
  return kSettleMs;
}

int Keyboard::waitMs() const {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(settledAt_ - std::chrono::steady_clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

int Keyboard::prepare(const std::vector<uint32_t>& cps) {
  processEvents();
  std::vector<KeyCode> keep;
  for (uint32_t cp : cps) {
    Stroke s;
    if (findStroke(cp == '\r' ? '\n' : cp, s)) continue;
    const KeySym ks = ucsToKeysym(cp);
    if (ks == NoSymbol) continue;
    KeyCode kc = 0;
    const int r = spareFor(ks, kc, keep);
    if (r < 0 || kc == 0) break;  // the spares are full, or all used too recently: the rest is mapped while typing
    if (std::find(keep.begin(), keep.end(), kc) == keep.end()) keep.push_back(kc);
  }
  l_.Sync(dpy_, False);
  return waitMs();
}

int Keyboard::typeCodepoint(uint32_t cp) {
  processEvents();
  Stroke s;
  if (findStroke(cp == '\r' ? '\n' : cp, s)) { send(s); return 0; }
  const KeySym ks = ucsToKeysym(cp);
  if (ks == NoSymbol) return -1;
  KeyCode kc = 0;
  const int r = spareFor(ks, kc);
  if (r < 0) return -1;
  if (r > 0) { l_.Sync(dpy_, False); return r; }  // remapped just now, or no spare free yet: ask again after r ms
  if (const int w = waitMs()) return w;           // mapped, but clients may not have read the new keymap yet
  send(Stroke{kc, 0});
  for (auto& sp : spares_) if (sp.kc == kc) sp.lastUsed = std::chrono::steady_clock::now();
  return 0;
}

bool Keyboard::key(KeySym ks, bool down) {
  processEvents();
  KeyCode kc = l_.KeysymToKeycode(dpy_, ks);
  auto spare = std::find_if(spares_.begin(), spares_.end(), [&](const Spare& s) { return s.sym == ks && s.sym != NoSymbol; });
  if (spare != spares_.end()) kc = spare->kc;
  if (!kc) {
    if (!down) return false;  // never pressed, nothing to release
    const int r = spareFor(ks, kc);
    if (r < 0 || kc == 0) return false;
    l_.Sync(dpy_, False);
    // Rare (a combo key the layout lacks): wait here for clients to read the new keymap.
    if (const int w = waitMs()) std::this_thread::sleep_for(std::chrono::milliseconds(w));
    spare = std::find_if(spares_.begin(), spares_.end(), [&](const Spare& s) { return s.kc == kc; });
  }
  if (spare != spares_.end()) {
    spare->held = std::max(0, spare->held + (down ? 1 : -1));
    spare->lastUsed = std::chrono::steady_clock::now();
  }
  l_.TestFakeKeyEvent(dpy_, kc, down ? True : False, CurrentTime);
  l_.Sync(dpy_, False);
  return true;
}

}  // namespace x11
