// Magma Desk's platform layer (native/): one Node-API module, one source tree per platform. Node-API only (no V8
// or libuv headers), so one build loads in Node.js and in Electron.
#include <napi.h>

#if defined(__linux__)
namespace x11 { void Init(Napi::Env env, Napi::Object exports); }
#elif defined(_WIN32)
namespace win { void Init(Napi::Env env, Napi::Object exports); }
#endif

Napi::Object InitAll(Napi::Env env, Napi::Object exports) {
#if defined(__linux__)
  x11::Init(env, exports);
#elif defined(_WIN32)
  win::Init(env, exports);
#else
  // macOS: see src/mac/README.md; the app keeps using nut-js there.
  exports.Set("platform", "none");
#endif
  return exports;
}

NODE_API_MODULE(magma_native, InitAll)
