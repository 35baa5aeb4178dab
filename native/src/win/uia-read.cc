// The UI Automation read behind the addon's uiaTree (uia.cc): the foreground window's control view, every property
// the app needs fetched in ONE cross-process call (FindAllBuildCache with a cache request; reading element by
// element costs a round trip to the target process per property). Libraries: ole32 (COM), oleaut32 (VARIANT,
// SAFEARRAY), user32 (the foreground window); UI Automation itself is reached through COM (UIAutomationCore.dll),
// so nothing links against it.
#include "uia-read.h"

#include "uia-client.h"

#include <cstdio>
#include <map>
#include <utility>

namespace win::uia {
namespace {

// Property and control-type ids (UIAutomationClient.idl); spelled out so that the code reads the same with every
// header version.
constexpr PROPERTYID kBoundingRectangle = 30001, kProcessId = 30002, kControlType = 30003, kName = 30005,
                     kHasKeyboardFocus = 30008, kIsKeyboardFocusable = 30009, kIsEnabled = 30010, kHelpText = 30013,
                     kIsControlElement = 30016, kIsPassword = 30019, kIsOffscreen = 30022, kFrameworkId = 30024,
                     kValueIsReadOnly = 30046, kIsSelected = 30079, kToggleState = 30086;
constexpr int kEdit = 50004;
// HRESULTs a person can act on (UIAutomationCoreApi.h).
constexpr HRESULT kTimeout = static_cast<HRESULT>(0x80131505);          // UIA_E_TIMEOUT
constexpr HRESULT kNotAvailable = static_cast<HRESULT>(0x80040201);     // UIA_E_ELEMENTNOTAVAILABLE

std::string utf8(const std::wstring& w) {
  if (w.empty()) return {};
  const int n = WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr, 0, nullptr, nullptr);
  std::string s(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  if (n > 0) WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), s.data(), n, nullptr, nullptr);
  return s;
}

std::string hex(HRESULT hr) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%08lX", static_cast<unsigned long>(hr));
  return b;
}

// Owns one COM reference.
template <class T>
class Ref {
 public:
  Ref() = default;
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  ~Ref() { if (p_) p_->Release(); }
  T** put() { if (p_) { p_->Release(); p_ = nullptr; } return &p_; }
  T* operator->() const { return p_; }
  T* get() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }
 private:
  T* p_ = nullptr;
};

// Owns one VARIANT. A property the element does not support comes back as VT_UNKNOWN (UI Automation's reserved
// "not supported" object): every reader below treats a type other than the expected one as absent.
struct Var {
  VARIANT v;
  Var() { VariantInit(&v); }
  Var(const Var&) = delete;
  Var& operator=(const Var&) = delete;
  ~Var() { VariantClear(&v); }
};

// COM on this thread for the time of one read; RPC_E_CHANGED_MODE (the thread already has a single-threaded
// apartment) still allows the read, and is not undone because this code did not make it.
class ComApartment {
 public:
  ComApartment() : hr_(CoInitializeEx(nullptr, COINIT_MULTITHREADED)) {
    if (FAILED(hr_) && hr_ != RPC_E_CHANGED_MODE) throw Error("Windows could not start COM for UI Automation (" + hex(hr_) + "); restart Magma Desk");
  }
  ComApartment(const ComApartment&) = delete;
  ComApartment& operator=(const ComApartment&) = delete;
  ~ComApartment() { if (SUCCEEDED(hr_)) CoUninitialize(); }
 private:
  HRESULT hr_;
};

class Element {
 public:
  explicit Element(IUIAutomationElement* e) : e_(e) {}
  bool flag(PROPERTYID id, bool otherwise) const {
    Var x;
    if (FAILED(e_->GetCachedPropertyValue(id, &x.v)) || x.v.vt != VT_BOOL) return otherwise;
    return x.v.boolVal != VARIANT_FALSE;
  }
  // -1 when the element has no such property (its pattern is not supported), else 0 or 1.
  int tristate(PROPERTYID id) const {
    Var x;
    if (FAILED(e_->GetCachedPropertyValue(id, &x.v)) || x.v.vt != VT_BOOL) return -1;
    return x.v.boolVal != VARIANT_FALSE ? 1 : 0;
  }
  int number(PROPERTYID id, int otherwise) const {
    Var x;
    if (FAILED(e_->GetCachedPropertyValue(id, &x.v)) || x.v.vt != VT_I4) return otherwise;
    return static_cast<int>(x.v.lVal);
  }
  std::wstring text(PROPERTYID id) const {
    Var x;
    if (FAILED(e_->GetCachedPropertyValue(id, &x.v)) || x.v.vt != VT_BSTR || !x.v.bstrVal) return {};
    return std::wstring(x.v.bstrVal, SysStringLen(x.v.bstrVal));
  }
  // BoundingRectangle: a SAFEARRAY of 4 doubles, left, top, width, height; false when the element has none.
  bool rect(Node& n) const {
    Var x;
    if (FAILED(e_->GetCachedPropertyValue(kBoundingRectangle, &x.v)) || x.v.vt != (VT_ARRAY | VT_R8) || !x.v.parray) return false;
    LONG lo = 0, hi = -1;
    SafeArrayGetLBound(x.v.parray, 1, &lo);
    SafeArrayGetUBound(x.v.parray, 1, &hi);
    if (hi - lo + 1 < 4) return false;
    double* d = nullptr;
    if (FAILED(SafeArrayAccessData(x.v.parray, reinterpret_cast<void**>(&d))) || !d) return false;
    n.left = d[0];
    n.top = d[1];
    n.right = d[0] + d[2];
    n.bottom = d[1] + d[3];
    SafeArrayUnaccessData(x.v.parray);
    return n.right > n.left && n.bottom > n.top;
  }
 private:
  IUIAutomationElement* e_;
};

// The executable's file name ("notepad.exe"); "" when the process cannot be opened (it ended, or runs elevated).
std::wstring imageOf(DWORD pid, std::map<DWORD, std::wstring>& cache) {
  auto it = cache.find(pid);
  if (it != cache.end()) return it->second;
  std::wstring name;
  if (HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid)) {
    wchar_t buf[MAX_PATH * 2];
    DWORD size = static_cast<DWORD>(sizeof buf / sizeof buf[0]);
    if (QueryFullProcessImageNameW(h, 0, buf, &size)) {
      std::wstring path(buf, size);
      const auto slash = path.find_last_of(L"\\/");
      name = slash == std::wstring::npos ? path : path.substr(slash + 1);
    }
    CloseHandle(h);
  }
  cache.emplace(pid, name);
  return name;
}

std::string readFailure(const char* what, HRESULT hr, const Tree& t, DWORD timeoutMs) {
  const std::string who = t.app.empty() ? std::string("the window in front") : "the window in front (" + utf8(t.app) + ")";
  if (hr == kTimeout) return who + " did not answer UI Automation within " + std::to_string(timeoutMs) + " ms; it may be busy or hung. Wait for it, or switch to another window, and try again";
  if (hr == kNotAvailable) return who + " closed or changed while its controls were read; try again";
  if (hr == E_ACCESSDENIED) return who + " belongs to a program running as administrator, and Windows does not let Magma Desk read its controls unless Magma Desk runs as administrator too";
  return std::string("UI Automation could not read ") + who + " (" + what + " failed: " + hex(hr) + "); try again, or switch to another window";
}

}  // namespace

std::wstring RoleOf(int controlType, bool password) {
  // AT-SPI's role names (atspi-constants.h) where one fits, so that the perception stage reads one vocabulary.
  switch (controlType) {
    case 50000: return L"push button";
    case 50001: return L"calendar";
    case 50002: return L"check box";
    case 50003: return L"combo box";
    case kEdit: return password ? L"password text" : L"text";
    case 50005: return L"link";
    case 50006: return L"icon";
    case 50007: return L"list item";
    case 50008: return L"list";
    case 50009: return L"menu";
    case 50010: return L"menu bar";
    case 50011: return L"menu item";
    case 50012: return L"progress bar";
    case 50013: return L"radio button";
    case 50014: return L"scroll bar";
    case 50015: return L"slider";
    case 50016: return L"spin button";
    case 50017: return L"status bar";
    case 50018: return L"page tab list";
    case 50019: return L"page tab";
    case 50020: return L"label";
    case 50021: return L"tool bar";
    case 50022: return L"tool tip";
    case 50023: return L"tree";
    case 50024: return L"tree item";
    case 50026: return L"grouping";
    case 50027: return L"thumb";            // a scroll bar's or slider's draggable part; AT-SPI has none
    case 50028: return L"table";
    case 50029: return L"table row";        // DataItem: a row of a details list
    case 50030: return L"document frame";
    case 50031: return L"push button menu"; // SplitButton
    case 50032: return L"frame";
    case 50033: return L"panel";
    case 50034: return L"header";
    case 50035: return L"column header";
    case 50036: return L"table";
    case 50037: return L"title bar";
    case 50038: return L"separator";
    case 50039: return L"panel";            // SemanticZoom
    case 50040: return L"tool bar";         // AppBar
    default: return L"unknown";             // Custom (50025) and ids newer than this table
  }
}

Tree ReadForegroundTree(std::size_t maxNodes, DWORD timeoutMs) {
  Tree t;
  HWND fg = GetForegroundWindow();
  if (!fg) throw Error("no window is in front (the desktop or the lock screen has the focus): click the window to work with, then try again");
  GetWindowThreadProcessId(fg, &t.processId);
  std::map<DWORD, std::wstring> images;
  t.app = imageOf(t.processId, images);
  wchar_t title[512];
  const int titleLen = GetWindowTextW(fg, title, static_cast<int>(sizeof title / sizeof title[0]));
  t.title.assign(title, titleLen > 0 ? static_cast<std::size_t>(titleLen) : 0);
  GetWindowRect(fg, &t.window);

  ComApartment com;
  Ref<IUIAutomation> automation;
  // CUIAutomation8 (Windows 8+) honours the time-outs below; CUIAutomation (Windows 7) is the fallback.
  HRESULT hr = CoCreateInstance(kClsidCUIAutomation8, nullptr, CLSCTX_INPROC_SERVER, kIidIUIAutomation, reinterpret_cast<void**>(automation.put()));
  if (FAILED(hr)) hr = CoCreateInstance(kClsidCUIAutomation, nullptr, CLSCTX_INPROC_SERVER, kIidIUIAutomation, reinterpret_cast<void**>(automation.put()));
  if (FAILED(hr)) throw Error("UI Automation is not available on this Windows (" + hex(hr) + "); run Windows Update or repair Windows to restore it");
  {
    Ref<IUIAutomation2> a2;
    if (SUCCEEDED(automation->QueryInterface(kIidIUIAutomation2, reinterpret_cast<void**>(a2.put())))) {
      // A hung window would otherwise hold the read for UI Automation's default 20 s transaction time-out.
      t.timeouts = SUCCEEDED(a2->put_ConnectionTimeout(timeoutMs)) && SUCCEEDED(a2->put_TransactionTimeout(timeoutMs));
    }
  }

  Ref<IUIAutomationElement> root;
  hr = automation->ElementFromHandle(static_cast<void*>(fg), root.put());
  if (FAILED(hr) || !root) throw Error(readFailure("ElementFromHandle", hr, t, timeoutMs));
  Ref<IUIAutomationCondition> controlView;
  hr = automation->get_ControlViewCondition(controlView.put());
  if (FAILED(hr)) throw Error(readFailure("ControlViewCondition", hr, t, timeoutMs));
  Ref<IUIAutomationCacheRequest> request;
  hr = automation->CreateCacheRequest(request.put());
  if (FAILED(hr)) throw Error(readFailure("CreateCacheRequest", hr, t, timeoutMs));
  // The Value and Text patterns' content (ValueValue, TextPattern) is never asked for: a password field's text
  // must not leave its process. Pattern properties (ToggleState, Value.IsReadOnly) need no AddPattern.
  for (PROPERTYID id : {kControlType, kName, kBoundingRectangle, kIsEnabled, kHasKeyboardFocus, kIsKeyboardFocusable,
                        kIsOffscreen, kIsPassword, kIsControlElement, kToggleState, kValueIsReadOnly, kIsSelected,
                        kProcessId, kFrameworkId, kHelpText}) {
    hr = request->AddProperty(id);
    if (FAILED(hr)) throw Error(readFailure("AddProperty", hr, t, timeoutMs));
  }
  // Each found element caches its own properties (TreeScope_Element); the find walks the subtree. A Subtree scope
  // here would make every element cache its whole subtree again. Mode None: the results hold cached values only,
  // no live references into the target process.
  request->put_TreeScope(TreeScope_Element);
  request->put_TreeFilter(controlView.get());
  request->put_AutomationElementMode(AutomationElementMode_None);

  Ref<IUIAutomationElementArray> found;
  hr = root->FindAllBuildCache(TreeScope_Subtree, controlView.get(), request.get(), found.put());
  if (FAILED(hr) || !found) throw Error(readFailure("FindAllBuildCache", hr, t, timeoutMs));
  int count = 0;
  found->get_Length(&count);
  for (int i = 0; i < count; i++) {
    Ref<IUIAutomationElement> e;
    if (FAILED(found->GetElement(i, e.put())) || !e) continue;
    const Element el(e.get());
    if (el.flag(kIsOffscreen, false)) { t.offscreen++; continue; }
    if (!el.flag(kIsControlElement, true)) continue;
    Node n;
    if (!el.rect(n)) continue;  // no place on screen: nothing to point at
    if (t.nodes.size() >= maxNodes) { t.truncated = true; break; }
    n.controlType = el.number(kControlType, 0);
    n.password = el.flag(kIsPassword, false);
    n.role = RoleOf(n.controlType, n.password);
    n.name = el.text(kName);
    n.helpText = el.text(kHelpText);
    n.framework = el.text(kFrameworkId);
    n.enabled = el.flag(kIsEnabled, true);
    n.focused = el.flag(kHasKeyboardFocus, false);
    n.focusable = el.flag(kIsKeyboardFocusable, false);
    n.toggle = el.number(kToggleState, -1);
    n.readOnly = el.tristate(kValueIsReadOnly);
    n.selected = el.tristate(kIsSelected);
    n.processId = static_cast<DWORD>(el.number(kProcessId, static_cast<int>(t.processId)));
    n.app = imageOf(n.processId, images);
    t.nodes.push_back(std::move(n));
  }
  return t;
}

}  // namespace win::uia
