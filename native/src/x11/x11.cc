// The Linux/X11 functions of the addon: one X connection per process (opened by connect(), on the JS thread only),
// XTest for input, XKB for the keymap, XRandR monitors, the window tree for the app's own windows.
// Strings and arrays are copied into JS values: no external buffers (Electron refuses them).
#include <napi.h>
#include <X11/Xatom.h>
#include <X11/keysym.h>
#include <cstring>
#include <memory>
#include <string>
#include <vector>
#include "clipboard.h"
#include "keyboard.h"
#include "libs.h"

namespace x11 {
namespace {

struct Conn {
  Display* dpy = nullptr;
  std::string name;
  std::unique_ptr<Keyboard> kb;
};
Conn conn;
XErrorHandler previousHandler = nullptr;
int lastError = 0;

// Protocol errors on our connection are recorded, not fatal (Xlib's default handler ends the process); errors on
// other connections in this process (libnut's) go to the handler that was there before.
int onXError(Display* d, XErrorEvent* e) {
  if (d == conn.dpy || isClipboardDisplay(d)) { lastError = e->error_code; return 0; }
  return previousHandler ? previousHandler(d, e) : 0;
}

Napi::Error fail(Napi::Env env, const std::string& message) { return Napi::Error::New(env, message); }

const Libs& needLibs(Napi::Env env, bool xtst) {
  const Libs& l = load();
  if (!l.x11) throw fail(env, l.x11Error);
  if (xtst && !l.xtst) throw fail(env, l.xtstError);
  return l;
}

Display* needDisplay(Napi::Env env) {
  if (!conn.dpy) throw fail(env, "not connected to an X display (connect first)");
  return conn.dpy;
}

void disconnect() {
  if (!conn.dpy) return;
  clipboardStop();
  clipboardForget();
  conn.kb.reset();
  load().CloseDisplay(conn.dpy);
  conn.dpy = nullptr;
  conn.name.clear();
}

// connect(display: string) -> { xtest, xkb, randr, xwayland }. Reconnects when the display name changes.
Napi::Value Connect(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Libs& l = needLibs(env, false);
  const std::string name = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  if (conn.dpy && conn.name != name) disconnect();
  if (!conn.dpy) {
    Display* d = l.OpenDisplay(name.empty() ? nullptr : name.c_str());
    if (!d) throw fail(env, "cannot open the X display \"" + name + "\": the X server is not running or refuses this user");
    conn.dpy = d;
    conn.name = name;
    XErrorHandler prev = l.SetErrorHandler(onXError);
    if (prev != onXError) previousHandler = prev;
  }
  int a = 0, b = 0, c = 0, d = 0;
  Napi::Object o = Napi::Object::New(env);
  o.Set("xtest", l.xtst && l.TestQueryExtension(conn.dpy, &a, &b, &c, &d));
  int op = 0, ev = 0, er = 0, ma = XkbMajorVersion, mi = XkbMinorVersion;
  o.Set("xkb", static_cast<bool>(l.XkbQueryExtension(conn.dpy, &op, &ev, &er, &ma, &mi)));
  o.Set("randr", l.xrandr && l.RRQueryExtension(conn.dpy, &a, &b));
  o.Set("xwayland", static_cast<bool>(l.QueryExtension(conn.dpy, "XWAYLAND", &a, &b, &c)));
  return o;
}

Napi::Value Disconnect(const Napi::CallbackInfo& info) {
  disconnect();
  return info.Env().Undefined();
}

Keyboard& keyboard(Napi::Env env) {
  const Libs& l = needLibs(env, true);
  Display* d = needDisplay(env);
  if (!conn.kb) conn.kb = std::make_unique<Keyboard>(d, l);
  return *conn.kb;
}

// typeCodepoint(cp) -> 0 sent | ms to wait and ask again | -1 cannot be typed as a key.
Napi::Value TypeCodepoint(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const uint32_t cp = info[0].As<Napi::Number>().Uint32Value();
  return Napi::Number::New(env, keyboard(env).typeCodepoint(cp));
}

// prepareText(codepoints) -> ms to wait before typing them (0 when no spare keycode had to be remapped).
Napi::Value PrepareText(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Napi::Array a = info[0].As<Napi::Array>();
  std::vector<uint32_t> cps;
  cps.reserve(a.Length());
  for (uint32_t i = 0; i < a.Length(); i++) cps.push_back(a.Get(i).As<Napi::Number>().Uint32Value());
  return Napi::Number::New(env, keyboard(env).prepare(cps));
}

// key(keysymName, down) -> whether a keycode carried it. Names are X keysym names (Control_L, Return, a, F5).
Napi::Value Key(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string name = info[0].As<Napi::String>().Utf8Value();
  const bool down = info[1].As<Napi::Boolean>().Value();
  Keyboard& kb = keyboard(env);
  const KeySym ks = load().StringToKeysym(name.c_str());
  if (ks == NoSymbol) throw fail(env, "no X key named \"" + name + "\"");
  return Napi::Boolean::New(env, kb.key(ks, down));
}

Napi::Value KeymapInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Keyboard& kb = keyboard(env);
  kb.processEvents();
  const Keyboard::Info i = kb.info();
  Napi::Object o = Napi::Object::New(env);
  o.Set("reloads", i.reloads);
  o.Set("remaps", i.remaps);
  o.Set("spares", i.spares);
  o.Set("group", i.group);
  return o;
}

Napi::Value Pointer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Libs& l = needLibs(env, false);
  Display* d = needDisplay(env);
  Window root = 0, child = 0;
  int rx = 0, ry = 0, wx = 0, wy = 0;
  unsigned mask = 0;
  l.QueryPointer(d, DefaultRootWindow(d), &root, &child, &rx, &ry, &wx, &wy, &mask);
  Napi::Object o = Napi::Object::New(env);
  o.Set("x", rx);
  o.Set("y", ry);
  return o;
}

Napi::Value ScreenSize(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Display* d = needDisplay(env);
  Napi::Object o = Napi::Object::New(env);
  o.Set("width", DisplayWidth(d, DefaultScreen(d)));
  o.Set("height", DisplayHeight(d, DefaultScreen(d)));
  return o;
}

Napi::Value MoveTo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Libs& l = needLibs(env, true);
  Display* d = needDisplay(env);
  l.TestFakeMotionEvent(d, -1, info[0].As<Napi::Number>().Int32Value(), info[1].As<Napi::Number>().Int32Value(), CurrentTime);
  l.Sync(d, False);
  return env.Undefined();
}

// button(n, down): 1 left, 2 middle, 3 right, 4/5 wheel up/down, 6/7 wheel left/right.
Napi::Value Button(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Libs& l = needLibs(env, true);
  Display* d = needDisplay(env);
  const unsigned b = info[0].As<Napi::Number>().Uint32Value();
  if (b < 1 || b > 7) throw fail(env, "no mouse button " + std::to_string(b));
  l.TestFakeButtonEvent(d, b, info[1].As<Napi::Boolean>().Value() ? True : False, CurrentTime);
  l.Sync(d, False);
  return env.Undefined();
}

std::string atomName(const Libs& l, Display* d, Atom a) {
  if (!a) return "";
  char* s = l.GetAtomName(d, a);
  std::string out = s ? s : "";
  if (s) l.Free(s);
  return out;
}

// monitors() -> [{ name, x, y, width, height, widthMm, heightMm, primary }] from XRRGetMonitors, which includes the
// monitors that `xrandr --setmonitor` defines (a dual-head layout on one screen).
Napi::Value Monitors(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Libs& l = needLibs(env, false);
  Display* d = needDisplay(env);
  if (!l.xrandr) throw fail(env, l.xrandrError);
  int n = 0;
  XRRMonitorInfo* ms = l.RRGetMonitors(d, DefaultRootWindow(d), True, &n);
  Napi::Array out = Napi::Array::New(env);
  for (int i = 0; i < n; i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", atomName(l, d, ms[i].name));
    o.Set("x", ms[i].x);
    o.Set("y", ms[i].y);
    o.Set("width", ms[i].width);
    o.Set("height", ms[i].height);
    o.Set("widthMm", ms[i].mwidth);
    o.Set("heightMm", ms[i].mheight);
    o.Set("primary", static_cast<bool>(ms[i].primary));
    out.Set(i, o);
  }
  if (ms) l.RRFreeMonitors(ms);
  return out;
}

// The text of a property (UTF8_STRING, STRING or any 8-bit format), or "" when absent.
std::string textProperty(const Libs& l, Display* d, Window w, Atom prop) {
  Atom type = 0;
  int format = 0;
  unsigned long count = 0, after = 0;
  unsigned char* data = nullptr;
  std::string out;
  if (l.GetWindowProperty(d, w, prop, 0, 1 << 20, False, AnyPropertyType, &type, &format, &count, &after, &data) == Success && data) {
    if (format == 8) out.assign(reinterpret_cast<char*>(data), count);
    l.Free(data);
  }
  return out;
}

// xResources() -> the RESOURCE_MANAGER text of the root window, read now (Xft.dpi lives there).
Napi::Value XResources(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Libs& l = needLibs(env, false);
  Display* d = needDisplay(env);
  return Napi::String::New(env, textProperty(l, d, DefaultRootWindow(d), XA_RESOURCE_MANAGER));
}

std::string windowTitle(const Libs& l, Display* d, Window w) {
  std::string t = textProperty(l, d, w, l.InternAtom(d, "_NET_WM_NAME", False));
  return t.empty() ? textProperty(l, d, w, XA_WM_NAME) : t;
}

// topLevelWindows() -> [{ title, x, y, width, height }] (outer rectangles) of the root's viewable children, bottom
// to top. A window
// manager's frame has no title of its own: the title then comes from the client window inside it.
Napi::Value TopLevelWindows(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Libs& l = needLibs(env, false);
  Display* d = needDisplay(env);
  const Window root = DefaultRootWindow(d);
  Window r = 0, parent = 0, *kids = nullptr;
  unsigned n = 0;
  Napi::Array out = Napi::Array::New(env);
  if (!l.QueryTree(d, root, &r, &parent, &kids, &n)) return out;
  uint32_t k = 0;
  for (unsigned i = 0; i < n; i++) {
    XWindowAttributes a{};
    lastError = 0;
    if (!l.GetWindowAttributes(d, kids[i], &a) || a.map_state != IsViewable) continue;
    std::string title = windowTitle(l, d, kids[i]);
    if (title.empty()) {
      Window r2 = 0, p2 = 0, *inner = nullptr;
      unsigned m = 0;
      if (l.QueryTree(d, kids[i], &r2, &p2, &inner, &m)) {
        for (unsigned j = 0; j < m && title.empty(); j++) title = windowTitle(l, d, inner[j]);
        if (inner) l.Free(inner);
      }
    }
    if (lastError) continue;  // the window went away while we looked
    // The outer rectangle, border included (a click on the border reaches the window too); a child of the root has
    // its position in root coordinates already.
    Napi::Object o = Napi::Object::New(env);
    o.Set("title", title);
    o.Set("x", a.x);
    o.Set("y", a.y);
    o.Set("width", a.width + 2 * a.border_width);
    o.Set("height", a.height + 2 * a.border_width);
    out.Set(k++, o);
  }
  if (kids) l.Free(kids);
  return out;
}

// clipboardSet(text): the addon owns CLIPBOARD with this text (a thread serves paste requests).
Napi::Value ClipboardSet(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  needLibs(env, false);
  needDisplay(env);
  const std::string err = clipboardSet(conn.name, info[0].As<Napi::String>().Utf8Value());
  if (!err.empty()) throw fail(env, err);
  return env.Undefined();
}

// clipboardGet() -> the CLIPBOARD text ("" when nobody owns it).
Napi::Value ClipboardGet(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  needLibs(env, false);
  std::string out, err;
  if (!clipboardGet(needDisplay(env), 1000, out, err)) throw fail(env, "cannot read the clipboard: " + err);
  return Napi::String::New(env, out);
}

// libraries() -> [{ soname, package, loaded, problem }]: what the addon opens at run time (the .deb's Depends are
// checked against it) and whether each loaded here.
Napi::Value Libraries(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Libs& l = load();
  const bool ok[3] = {l.x11, l.xtst, l.xrandr};
  const std::string* err[3] = {&l.x11Error, &l.xtstError, &l.xrandrError};
  Napi::Array out = Napi::Array::New(env);
  for (uint32_t i = 0; i < 3; i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("soname", kLibraries[i].soname);
    o.Set("package", kLibraries[i].debianPackage);
    o.Set("loaded", ok[i]);
    if (!ok[i]) o.Set("problem", *err[i]);
    out.Set(i, o);
  }
  return out;
}

}  // namespace


void Init(Napi::Env env, Napi::Object exports) {
  exports.Set("platform", "x11");
  exports.Set("libraries", Napi::Function::New(env, Libraries));
  exports.Set("connect", Napi::Function::New(env, Connect));
  exports.Set("disconnect", Napi::Function::New(env, Disconnect));
  exports.Set("typeCodepoint", Napi::Function::New(env, TypeCodepoint));
  exports.Set("prepareText", Napi::Function::New(env, PrepareText));
  exports.Set("key", Napi::Function::New(env, Key));
  exports.Set("keymapInfo", Napi::Function::New(env, KeymapInfo));
  exports.Set("pointer", Napi::Function::New(env, Pointer));
  exports.Set("screenSize", Napi::Function::New(env, ScreenSize));
  exports.Set("moveTo", Napi::Function::New(env, MoveTo));
  exports.Set("button", Napi::Function::New(env, Button));
  exports.Set("monitors", Napi::Function::New(env, Monitors));
  exports.Set("xResources", Napi::Function::New(env, XResources));
  exports.Set("topLevelWindows", Napi::Function::New(env, TopLevelWindows));
  exports.Set("clipboardSet", Napi::Function::New(env, ClipboardSet));
  exports.Set("clipboardGet", Napi::Function::New(env, ClipboardGet));
}

}  // namespace x11
