// See clipboard.h. Invariant: the serving thread is the only user of its Display; the JS thread touches only the
// shared text (under the mutex) and the stop flag.
#include "clipboard.h"
#include <X11/Xatom.h>
#include <poll.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace x11 {
namespace {

struct Server {
  std::thread thread;
  std::mutex mu;
  std::string text;
  std::atomic<bool> stop{false};
  std::atomic<bool> owning{false};
  std::atomic<Display*> dpy{nullptr};
  std::string display;
};
Server server;

void serve(std::string display) {
  const Libs& l = load();
  Display* d = l.OpenDisplay(display.empty() ? nullptr : display.c_str());
  if (!d) { server.owning = false; return; }
  server.dpy = d;
  const Window w = l.CreateSimpleWindow(d, DefaultRootWindow(d), -10, -10, 1, 1, 0, 0, 0);
  const Atom clipboard = l.InternAtom(d, "CLIPBOARD", False);
  const Atom targets = l.InternAtom(d, "TARGETS", False);
  const Atom utf8 = l.InternAtom(d, "UTF8_STRING", False);
  const Atom text = l.InternAtom(d, "TEXT", False);
  l.SetSelectionOwner(d, clipboard, w, CurrentTime);
  l.Sync(d, False);
  server.owning = l.GetSelectionOwner(d, clipboard) == w;
  while (server.owning && !server.stop) {
    if (l.Pending(d) == 0) {
      pollfd p{ConnectionNumber(d), POLLIN, 0};
      poll(&p, 1, 100);  // wakes up to see the stop flag
      if (l.Pending(d) == 0) continue;
    }
    XEvent ev;
    l.NextEvent(d, &ev);
    if (ev.type == SelectionClear) { server.owning = false; break; }
    if (ev.type != SelectionRequest) continue;
    const XSelectionRequestEvent& rq = ev.xselectionrequest;
    XEvent reply{};
    reply.xselection.type = SelectionNotify;
    reply.xselection.display = d;
    reply.xselection.requestor = rq.requestor;
    reply.xselection.selection = rq.selection;
    reply.xselection.target = rq.target;
    reply.xselection.time = rq.time;
    // Obsolete clients leave the property None: the target is the property then (ICCCM 2.2).
    const Atom prop = rq.property == None ? rq.target : rq.property;
    reply.xselection.property = None;
    if (rq.target == targets) {
      const Atom list[4] = {targets, utf8, XA_STRING, text};
      l.ChangeProperty(d, rq.requestor, prop, XA_ATOM, 32, PropModeReplace, reinterpret_cast<const unsigned char*>(list), 4);
      reply.xselection.property = prop;
    } else if (rq.target == utf8 || rq.target == XA_STRING || rq.target == text) {
      std::string t;
      { std::lock_guard<std::mutex> g(server.mu); t = server.text; }
      // STRING is Latin-1 by the ICCCM; a client asking for it gets UTF-8 bytes only when the text is ASCII.
      const bool ascii = std::all_of(t.begin(), t.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      if (rq.target != XA_STRING || ascii) {
        l.ChangeProperty(d, rq.requestor, prop, rq.target == XA_STRING ? XA_STRING : utf8, 8, PropModeReplace,
                         reinterpret_cast<const unsigned char*>(t.data()), static_cast<int>(t.size()));
        reply.xselection.property = prop;
      }
    }
    l.SendEvent(d, rq.requestor, False, 0, &reply);
    l.Flush(d);
  }
  server.owning = false;
  server.dpy = nullptr;
  l.DestroyWindow(d, w);
  l.CloseDisplay(d);
}

}  // namespace

bool isClipboardDisplay(Display* d) { return d != nullptr && server.dpy.load() == d; }

void clipboardStop() {
  server.stop = true;
  if (server.thread.joinable()) server.thread.join();
  server.stop = false;
}

std::string clipboardSet(const std::string& display, const std::string& text) {
  { std::lock_guard<std::mutex> g(server.mu); server.text = text; }
  if (server.owning && server.display == display) return "";
  clipboardStop();  // another client took it over (or another display): own it again from a fresh thread
  server.display = display;
  server.owning = true;
  server.thread = std::thread(serve, display);
  // Ownership is known once the thread's XSetSelectionOwner round trip is done.
  for (int i = 0; i < 200 && server.owning && !server.dpy.load(); i++) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  for (int i = 0; i < 20 && server.owning; i++) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return server.owning ? "" : "could not take over the clipboard on display " + display;
}

namespace {
// The window that receives the text asked for, on the JS thread's connection; forgotten when it closes.
Window getWindow = 0;
Display* getDisplay = nullptr;
}  // namespace

void clipboardForget() { getDisplay = nullptr; getWindow = 0; }

bool clipboardGet(Display* d, int timeoutMs, std::string& out, std::string& error) {
  const Libs& l = load();
  Window& w = getWindow;
  Display*& wd = getDisplay;
  if (wd != d) { w = l.CreateSimpleWindow(d, DefaultRootWindow(d), -10, -10, 1, 1, 0, 0, 0); wd = d; }
  const Atom clipboard = l.InternAtom(d, "CLIPBOARD", False);
  const Atom utf8 = l.InternAtom(d, "UTF8_STRING", False);
  const Atom prop = l.InternAtom(d, "MAGMA_DESK_CLIPBOARD", False);
  out.clear();
  if (l.GetSelectionOwner(d, clipboard) == None) return true;
  for (Atom target : {utf8, static_cast<Atom>(XA_STRING)}) {
    l.DeleteProperty(d, w, prop);
    l.ConvertSelection(d, clipboard, target, prop, w, CurrentTime);
    l.Flush(d);
    XEvent ev;
    bool answered = false;
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (std::chrono::steady_clock::now() < end) {
      if (l.CheckTypedWindowEvent(d, w, SelectionNotify, &ev)) { answered = true; break; }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (!answered) { error = "the program that owns the clipboard did not answer"; return false; }
    if (ev.xselection.property == None) continue;  // this target refused: try the next
    Atom type = 0;
    int format = 0;
    unsigned long count = 0, after = 0;
    unsigned char* data = nullptr;
    if (l.GetWindowProperty(d, w, prop, 0, 1 << 22, True, AnyPropertyType, &type, &format, &count, &after, &data) == Success && data) {
      if (format == 8 && type != l.InternAtom(d, "INCR", False)) out.assign(reinterpret_cast<char*>(data), count);
      else error = "the clipboard text is too large to read";
      l.Free(data);
    }
    if (target == XA_STRING) {  // Latin-1 -> UTF-8
      std::string u;
      for (unsigned char c : out) {
        if (c < 0x80) u += static_cast<char>(c);
        else { u += static_cast<char>(0xc0 | (c >> 6)); u += static_cast<char>(0x80 | (c & 0x3f)); }
      }
      out = u;
    }
    return error.empty();
  }
  return true;
}

}  // namespace x11
