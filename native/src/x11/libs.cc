// dlopen of the X libraries; see libs.h for why they are not linked.
#include "libs.h"
#include <dlfcn.h>

namespace x11 {

const LibInfo kLibraries[3] = {
  {"libX11.so.6", "libx11-6"},
  {"libXtst.so.6", "libxtst6"},
  {"libXrandr.so.2", "libxrandr2"},
};

namespace {

std::string missing(const LibInfo& lib, const char* what) {
  return std::string("Magma Desk cannot ") + what + " because the system library " + lib.soname +
         " is missing. Install the package " + lib.debianPackage + " (on Debian or Ubuntu: sudo apt install " +
         lib.debianPackage + "), then start Magma Desk again.";
}

// Resolves every symbol or none: a library with a missing symbol counts as not loaded.
template <typename T>
bool sym(void* h, const char* name, T& out, std::string& error) {
  out = reinterpret_cast<T>(dlsym(h, name));
  if (!out && error.empty()) error = std::string("the installed X library lacks ") + name;
  return out != nullptr;
}

Libs loadAll() {
  Libs l;
  if (void* h = dlopen(kLibraries[0].soname, RTLD_NOW | RTLD_LOCAL)) {
    std::string& e = l.x11Error;
    bool ok = true;
    ok &= sym(h, "XOpenDisplay", l.OpenDisplay, e);
    ok &= sym(h, "XCloseDisplay", l.CloseDisplay, e);
    ok &= sym(h, "XSync", l.Sync, e);
    ok &= sym(h, "XFlush", l.Flush, e);
    ok &= sym(h, "XPending", l.Pending, e);
    ok &= sym(h, "XNextEvent", l.NextEvent, e);
    ok &= sym(h, "XStringToKeysym", l.StringToKeysym, e);
    ok &= sym(h, "XKeysymToKeycode", l.KeysymToKeycode, e);
    ok &= sym(h, "XChangeKeyboardMapping", l.ChangeKeyboardMapping, e);
    ok &= sym(h, "XkbQueryExtension", l.XkbQueryExtension, e);
    ok &= sym(h, "XkbSelectEvents", l.XkbSelectEvents, e);
    ok &= sym(h, "XkbGetMap", l.XkbGetMap, e);
    ok &= sym(h, "XkbFreeKeyboard", l.XkbFreeKeyboard, e);
    ok &= sym(h, "XkbGetState", l.XkbGetState, e);
    ok &= sym(h, "XQueryPointer", l.QueryPointer, e);
    ok &= sym(h, "XQueryTree", l.QueryTree, e);
    ok &= sym(h, "XFree", l.Free, e);
    ok &= sym(h, "XGetWindowAttributes", l.GetWindowAttributes, e);
    ok &= sym(h, "XTranslateCoordinates", l.TranslateCoordinates, e);
    ok &= sym(h, "XGetWindowProperty", l.GetWindowProperty, e);
    ok &= sym(h, "XInternAtom", l.InternAtom, e);
    ok &= sym(h, "XGetAtomName", l.GetAtomName, e);
    ok &= sym(h, "XResourceManagerString", l.ResourceManagerString, e);
    ok &= sym(h, "XSetErrorHandler", l.SetErrorHandler, e);
    ok &= sym(h, "XQueryExtension", l.QueryExtension, e);
    ok &= sym(h, "XCreateSimpleWindow", l.CreateSimpleWindow, e);
    ok &= sym(h, "XDestroyWindow", l.DestroyWindow, e);
    ok &= sym(h, "XSetSelectionOwner", l.SetSelectionOwner, e);
    ok &= sym(h, "XGetSelectionOwner", l.GetSelectionOwner, e);
    ok &= sym(h, "XConvertSelection", l.ConvertSelection, e);
    ok &= sym(h, "XChangeProperty", l.ChangeProperty, e);
    ok &= sym(h, "XDeleteProperty", l.DeleteProperty, e);
    ok &= sym(h, "XSendEvent", l.SendEvent, e);
    ok &= sym(h, "XSelectInput", l.SelectInput, e);
    ok &= sym(h, "XCheckTypedWindowEvent", l.CheckTypedWindowEvent, e);
    ok &= sym(h, "XWarpPointer", l.WarpPointer, e);
    l.x11 = ok;
  } else {
    l.x11Error = missing(kLibraries[0], "reach the X display");
  }
  if (void* h = dlopen(kLibraries[1].soname, RTLD_NOW | RTLD_LOCAL)) {
    std::string& e = l.xtstError;
    bool ok = true;
    ok &= sym(h, "XTestQueryExtension", l.TestQueryExtension, e);
    ok &= sym(h, "XTestFakeKeyEvent", l.TestFakeKeyEvent, e);
    ok &= sym(h, "XTestFakeButtonEvent", l.TestFakeButtonEvent, e);
    ok &= sym(h, "XTestFakeMotionEvent", l.TestFakeMotionEvent, e);
    l.xtst = ok;
  } else {
    l.xtstError = missing(kLibraries[1], "send mouse and keyboard input");
  }
  if (void* h = dlopen(kLibraries[2].soname, RTLD_NOW | RTLD_LOCAL)) {
    std::string& e = l.xrandrError;
    bool ok = true;
    ok &= sym(h, "XRRQueryExtension", l.RRQueryExtension, e);
    ok &= sym(h, "XRRGetMonitors", l.RRGetMonitors, e);
    ok &= sym(h, "XRRFreeMonitors", l.RRFreeMonitors, e);
    l.xrandr = ok;
  } else {
    l.xrandrError = missing(kLibraries[2], "list the monitors");
  }
  return l;
}

}  // namespace

const Libs& load() {
  static const Libs libs = loadAll();
  return libs;
}

}  // namespace x11
