// The addon's UI Automation export (uia.cc), added to the Windows export table by win.cc's Init.
#pragma once
#include <napi.h>

namespace win {
void InitUia(Napi::Env env, Napi::Object exports);
}
