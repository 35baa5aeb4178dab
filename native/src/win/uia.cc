// uiaTree(maxNodes, timeoutMs) -> Promise<{ app, title, processId, window, offscreen, truncated, timeouts, nodes }>:
// the foreground window's UI Automation control view (uia-read.cc), read on a libuv worker thread so JavaScript
// keeps running and no thread that owns a window calls UI Automation. Each node: { role, controlType, name,
// helpText, framework, app, processId, rect: [left, top, right, bottom] in physical screen px, enabled, focused,
// focusable, password, toggle (-1 none, 0 off, 1 on, 2 mixed), readOnly (-1 no Value pattern, 0, 1), selected
// (-1 no SelectionItem pattern, 0, 1) }; window is the foreground window's rectangle, physical screen px.
// electron/adapters/uia-source.ts maps it to the app's A11yNode. A failure rejects with a plain message.
#include "uia.h"

#include <napi.h>

#include "uia-read.h"

namespace win {
namespace {

Napi::String str(Napi::Env env, const std::wstring& w) {
  static_assert(sizeof(wchar_t) == sizeof(char16_t), "Windows wide strings are UTF-16");
  return Napi::String::New(env, reinterpret_cast<const char16_t*>(w.data()), w.size());
}

class UiaTreeWorker : public Napi::AsyncWorker {
 public:
  UiaTreeWorker(Napi::Env env, std::size_t maxNodes, DWORD timeoutMs)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), maxNodes_(maxNodes), timeoutMs_(timeoutMs) {}

  Napi::Promise promise() const { return deferred_.Promise(); }

  void Execute() override {
    try {
      tree_ = uia::ReadForegroundTree(maxNodes_, timeoutMs_);
    } catch (const std::exception& e) {
      SetError(e.what());
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::Array nodes = Napi::Array::New(env, tree_.nodes.size());
    for (std::size_t i = 0; i < tree_.nodes.size(); i++) {
      const uia::Node& n = tree_.nodes[i];
      Napi::Object o = Napi::Object::New(env);
      o.Set("role", str(env, n.role));
      o.Set("controlType", static_cast<double>(n.controlType));
      o.Set("name", str(env, n.name));
      o.Set("helpText", str(env, n.helpText));
      o.Set("framework", str(env, n.framework));
      o.Set("app", str(env, n.app));
      o.Set("processId", static_cast<double>(n.processId));
      Napi::Array rect = Napi::Array::New(env, 4);
      rect.Set(0u, n.left);
      rect.Set(1u, n.top);
      rect.Set(2u, n.right);
      rect.Set(3u, n.bottom);
      o.Set("rect", rect);
      o.Set("enabled", n.enabled);
      o.Set("focused", n.focused);
      o.Set("focusable", n.focusable);
      o.Set("password", n.password);
      o.Set("toggle", static_cast<double>(n.toggle));
      o.Set("readOnly", static_cast<double>(n.readOnly));
      o.Set("selected", static_cast<double>(n.selected));
      nodes.Set(static_cast<uint32_t>(i), o);
    }
    Napi::Object out = Napi::Object::New(env);
    out.Set("app", str(env, tree_.app));
    out.Set("title", str(env, tree_.title));
    out.Set("processId", static_cast<double>(tree_.processId));
    Napi::Array window = Napi::Array::New(env, 4);
    window.Set(0u, static_cast<double>(tree_.window.left));
    window.Set(1u, static_cast<double>(tree_.window.top));
    window.Set(2u, static_cast<double>(tree_.window.right));
    window.Set(3u, static_cast<double>(tree_.window.bottom));
    out.Set("window", window);
    out.Set("offscreen", static_cast<double>(tree_.offscreen));
    out.Set("truncated", tree_.truncated);
    out.Set("timeouts", tree_.timeouts);
    out.Set("nodes", nodes);
    deferred_.Resolve(out);
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::size_t maxNodes_;
  DWORD timeoutMs_;
  uia::Tree tree_;
};

Napi::Value UiaTree(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsNumber()) throw Napi::TypeError::New(env, "uiaTree(maxNodes, timeoutMs) takes two numbers");
  const double maxNodes = info[0].As<Napi::Number>().DoubleValue();
  const double timeoutMs = info[1].As<Napi::Number>().DoubleValue();
  if (!(maxNodes >= 1 && maxNodes <= 100000)) throw Napi::RangeError::New(env, "uiaTree: maxNodes must be between 1 and 100000");
  if (!(timeoutMs >= 1 && timeoutMs <= 60000)) throw Napi::RangeError::New(env, "uiaTree: timeoutMs must be between 1 and 60000");
  auto* worker = new UiaTreeWorker(env, static_cast<std::size_t>(maxNodes), static_cast<DWORD>(timeoutMs));
  Napi::Promise p = worker->promise();
  worker->Queue();  // the worker deletes itself after OnOK/OnError
  return p;
}

}  // namespace

void InitUia(Napi::Env env, Napi::Object exports) {
  exports.Set("uiaTree", Napi::Function::New(env, UiaTree));
}

}  // namespace win
