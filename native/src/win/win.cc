// The Windows functions of the addon: SendInput for input (KEYEVENTF_UNICODE types any character as the keyboard
// would, with no layout lookup: a UTF-16 unit per event, surrogate pairs as two), monitors with their per-monitor
// DPI (GetDpiForMonitor), the foreground window's UI Automation tree (uia.cc). Checked with mingw-w64
// (-fsyntax-only) in tests/native/windows-sources.test.ts; not yet wired into the TypeScript driver, which uses
// nut-js on Windows until a Windows machine runs the tests.
#include <napi.h>
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <shellscalingapi.h>
#include <string>
#include <vector>

#include "uia.h"

namespace win {
namespace {

Napi::Error fail(Napi::Env env, const std::string& what) {
  return Napi::Error::New(env, what + " failed (Windows error " + std::to_string(GetLastError()) + ")");
}

void send(Napi::Env env, std::vector<INPUT>& in) {
  if (in.empty()) return;
  if (SendInput(static_cast<UINT>(in.size()), in.data(), sizeof(INPUT)) != in.size()) throw fail(env, "SendInput");
}

// typeText(text): each UTF-16 unit as a KEYEVENTF_UNICODE press and release. Newline and tab go as their virtual
// keys (a Unicode CR is not Enter in every application).
Napi::Value TypeText(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::u16string text = info[0].As<Napi::String>().Utf16Value();
  std::vector<INPUT> in;
  for (char16_t c : text) {
    INPUT down{};
    down.type = INPUT_KEYBOARD;
    if (c == u'\n' || c == u'\t') {
      down.ki.wVk = c == u'\n' ? VK_RETURN : VK_TAB;
    } else {
      down.ki.wScan = static_cast<WORD>(c);
      down.ki.dwFlags = KEYEVENTF_UNICODE;
    }
    INPUT up = down;
    up.ki.dwFlags |= KEYEVENTF_KEYUP;
    in.push_back(down);
    in.push_back(up);
  }
  send(env, in);
  return env.Undefined();
}

// key(virtualKey, down)
Napi::Value Key(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  INPUT k{};
  k.type = INPUT_KEYBOARD;
  k.ki.wVk = static_cast<WORD>(info[0].As<Napi::Number>().Uint32Value());
  if (!info[1].As<Napi::Boolean>().Value()) k.ki.dwFlags = KEYEVENTF_KEYUP;
  std::vector<INPUT> in{k};
  send(env, in);
  return env.Undefined();
}

// moveTo(x, y) in physical pixels of the virtual desktop (the process is per-monitor DPI aware, see Init).
Napi::Value MoveTo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!SetCursorPos(info[0].As<Napi::Number>().Int32Value(), info[1].As<Napi::Number>().Int32Value())) throw fail(env, "SetCursorPos");
  return env.Undefined();
}

// button(n, down): 1 left, 2 middle, 3 right; 4/5 wheel up/down, 6/7 wheel left/right (one notch, on down only).
Napi::Value Button(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const unsigned b = info[0].As<Napi::Number>().Uint32Value();
  const bool down = info[1].As<Napi::Boolean>().Value();
  INPUT m{};
  m.type = INPUT_MOUSE;
  switch (b) {
    case 1: m.mi.dwFlags = down ? MOUSEEVENTF_LEFTDOWN : MOUSEEVENTF_LEFTUP; break;
    case 2: m.mi.dwFlags = down ? MOUSEEVENTF_MIDDLEDOWN : MOUSEEVENTF_MIDDLEUP; break;
    case 3: m.mi.dwFlags = down ? MOUSEEVENTF_RIGHTDOWN : MOUSEEVENTF_RIGHTUP; break;
    case 4: case 5: case 6: case 7:
      if (!down) return env.Undefined();
      m.mi.dwFlags = b <= 5 ? MOUSEEVENTF_WHEEL : MOUSEEVENTF_HWHEEL;
      m.mi.mouseData = static_cast<DWORD>((b == 4 || b == 7) ? WHEEL_DELTA : -WHEEL_DELTA);
      break;
    default: throw Napi::Error::New(env, "no mouse button " + std::to_string(b));
  }
  std::vector<INPUT> in{m};
  send(env, in);
  return env.Undefined();
}

Napi::Value Pointer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  POINT p{};
  if (!GetCursorPos(&p)) throw fail(env, "GetCursorPos");
  Napi::Object o = Napi::Object::New(env);
  o.Set("x", static_cast<double>(p.x));
  o.Set("y", static_cast<double>(p.y));
  return o;
}

struct MonitorList { Napi::Env env; Napi::Array out; uint32_t n; };

BOOL CALLBACK onMonitor(HMONITOR m, HDC, LPRECT, LPARAM data) {
  auto* list = reinterpret_cast<MonitorList*>(data);
  MONITORINFOEXW mi{};
  mi.cbSize = sizeof(mi);
  if (!GetMonitorInfoW(m, &mi)) return TRUE;
  UINT dx = 96, dy = 96;
  GetDpiForMonitor(m, MDT_EFFECTIVE_DPI, &dx, &dy);
  Napi::Object o = Napi::Object::New(list->env);
  o.Set("name", Napi::String::New(list->env, reinterpret_cast<const char16_t*>(mi.szDevice)));
  o.Set("x", static_cast<double>(mi.rcMonitor.left));
  o.Set("y", static_cast<double>(mi.rcMonitor.top));
  o.Set("width", static_cast<double>(mi.rcMonitor.right - mi.rcMonitor.left));
  o.Set("height", static_cast<double>(mi.rcMonitor.bottom - mi.rcMonitor.top));
  o.Set("primary", (mi.dwFlags & MONITORINFOF_PRIMARY) != 0);
  o.Set("scaleFactor", dx / 96.0);
  list->out.Set(list->n++, o);
  return TRUE;
}

// monitors() -> [{ name, x, y, width, height, primary, scaleFactor }] in physical pixels, scale from the monitor's DPI.
Napi::Value Monitors(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  MonitorList list{env, Napi::Array::New(env), 0};
  EnumDisplayMonitors(nullptr, nullptr, onMonitor, reinterpret_cast<LPARAM>(&list));
  return list.out;
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  // Physical pixels everywhere: without this, Windows scales coordinates of a DPI-unaware process per monitor.
  SetProcessDpiAwarenessContext(DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2);
  exports.Set("platform", "windows");
  exports.Set("typeText", Napi::Function::New(env, TypeText));
  exports.Set("key", Napi::Function::New(env, Key));
  exports.Set("moveTo", Napi::Function::New(env, MoveTo));
  exports.Set("button", Napi::Function::New(env, Button));
  exports.Set("pointer", Napi::Function::New(env, Pointer));
  exports.Set("monitors", Napi::Function::New(env, Monitors));
  InitUia(env, exports);
}

}  // namespace win
