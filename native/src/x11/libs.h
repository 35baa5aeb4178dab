// The X libraries, opened at run time with dlopen so that the app starts (and says what is missing) on a machine
// without them: libX11.so.6 (Xlib + XKB), libXtst.so.6 (XTest: fake key and button events), libXrandr.so.2
// (monitors). Headers give the types only; every call goes through the pointers below.
// Invariant: a pointer is non-null only when its library loaded; callers check the library's `ok` first.
#pragma once
#include <X11/Xlib.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>
#include <X11/extensions/Xrandr.h>
#include <string>

namespace x11 {

struct Libs {
  bool x11 = false, xtst = false, xrandr = false;
  std::string x11Error, xtstError, xrandrError;  // what to install, in plain words, when a library is missing

  // libX11
  decltype(&::XOpenDisplay) OpenDisplay = nullptr;
  decltype(&::XCloseDisplay) CloseDisplay = nullptr;
  decltype(&::XSync) Sync = nullptr;
  decltype(&::XFlush) Flush = nullptr;
  decltype(&::XPending) Pending = nullptr;
  decltype(&::XNextEvent) NextEvent = nullptr;
  decltype(&::XStringToKeysym) StringToKeysym = nullptr;
  decltype(&::XKeysymToKeycode) KeysymToKeycode = nullptr;
  decltype(&::XChangeKeyboardMapping) ChangeKeyboardMapping = nullptr;
  decltype(&::XkbQueryExtension) XkbQueryExtension = nullptr;
  decltype(&::XkbSelectEvents) XkbSelectEvents = nullptr;
  decltype(&::XkbGetMap) XkbGetMap = nullptr;
  decltype(&::XkbFreeKeyboard) XkbFreeKeyboard = nullptr;
  decltype(&::XkbGetState) XkbGetState = nullptr;
  decltype(&::XQueryPointer) QueryPointer = nullptr;
  decltype(&::XQueryTree) QueryTree = nullptr;
  decltype(&::XFree) Free = nullptr;
  decltype(&::XGetWindowAttributes) GetWindowAttributes = nullptr;
  decltype(&::XTranslateCoordinates) TranslateCoordinates = nullptr;
  decltype(&::XGetWindowProperty) GetWindowProperty = nullptr;
  decltype(&::XInternAtom) InternAtom = nullptr;
  decltype(&::XGetAtomName) GetAtomName = nullptr;
  decltype(&::XResourceManagerString) ResourceManagerString = nullptr;
  decltype(&::XSetErrorHandler) SetErrorHandler = nullptr;
  decltype(&::XQueryExtension) QueryExtension = nullptr;
  decltype(&::XCreateSimpleWindow) CreateSimpleWindow = nullptr;
  decltype(&::XDestroyWindow) DestroyWindow = nullptr;
  decltype(&::XSetSelectionOwner) SetSelectionOwner = nullptr;
  decltype(&::XGetSelectionOwner) GetSelectionOwner = nullptr;
  decltype(&::XConvertSelection) ConvertSelection = nullptr;
  decltype(&::XChangeProperty) ChangeProperty = nullptr;
  decltype(&::XDeleteProperty) DeleteProperty = nullptr;
  decltype(&::XSendEvent) SendEvent = nullptr;
  decltype(&::XSelectInput) SelectInput = nullptr;
  decltype(&::XCheckTypedWindowEvent) CheckTypedWindowEvent = nullptr;
  decltype(&::XWarpPointer) WarpPointer = nullptr;

  // libXtst
  decltype(&::XTestQueryExtension) TestQueryExtension = nullptr;
  decltype(&::XTestFakeKeyEvent) TestFakeKeyEvent = nullptr;
  decltype(&::XTestFakeButtonEvent) TestFakeButtonEvent = nullptr;
  decltype(&::XTestFakeMotionEvent) TestFakeMotionEvent = nullptr;

  // libXrandr
  decltype(&::XRRQueryExtension) RRQueryExtension = nullptr;
  decltype(&::XRRGetMonitors) RRGetMonitors = nullptr;
  decltype(&::XRRFreeMonitors) RRFreeMonitors = nullptr;
};

// Loads each library once (later calls return the same table). Never throws: a missing library leaves its flag false
// and its error set.
const Libs& load();

// The sonames this file opens, with the Debian package of each (the .deb's Depends are checked against this list).
struct LibInfo { const char* soname; const char* debianPackage; };
extern const LibInfo kLibraries[3];

}  // namespace x11
