// The CLIPBOARD selection owned by the addon itself (no xclip/xsel): the last resort of typing, for a character no
// key can make. X has no clipboard storage: the owner answers every paste request, so a thread with its own X
// connection owns the selection and serves it until another client takes it over or the process ends (then the
// text is gone, as with any X application that exits).
#pragma once
#include <string>
#include "libs.h"

namespace x11 {

// Owns CLIPBOARD with this UTF-8 text (replacing what the thread served before). Returns an error or "".
std::string clipboardSet(const std::string& display, const std::string& text);
// The CLIPBOARD text (UTF8_STRING, else STRING), asked on dpy; "" when nobody owns it. Waits at most timeoutMs.
// Returns false with `error` set when the owner did not answer.
bool clipboardGet(Display* dpy, int timeoutMs, std::string& out, std::string& error);
// Stops the serving thread (tests, disconnect).
void clipboardStop();
// Forgets the window clipboardGet made on a connection that is closing.
void clipboardForget();
// Whether `d` is the serving thread's connection (its protocol errors are not fatal either).
bool isClipboardDisplay(Display* d);

}  // namespace x11
