// One UI Automation read of the foreground window (uia-read.cc), kept apart from Node-API so that the COM part
// builds and links on its own (tests/native/windows-sources.test.ts links it with mingw-w64 to check the libraries).
#pragma once
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace win::uia {

// What the read says about one element, as UI Automation reports it; electron/adapters/uia-source.ts turns it into
// an A11yNode (states, the box in the app's screen space). Invariant: no field holds the Value or Text pattern
// content of any element (the cache request does not ask for them), so a password field gives only its name.
struct Node {
  std::wstring role;         // AT-SPI-like role name (RoleOf in uia-read.cc): "push button", "password text"...
  int controlType = 0;       // UIA_*ControlTypeId, kept for what the role table folds together
  std::wstring name;         // UIA Name: the label, which for a password field is not its content
  std::wstring helpText;     // UIA HelpText (the tooltip), "" when none
  std::wstring framework;    // FrameworkId: "Win32", "WPF", "XAML", "WinForm", "Chrome", "DirectUI"...
  std::wstring app;          // the owning process's executable ("notepad.exe"), "" when it cannot be opened
  // BoundingRectangle as left, top, right, bottom in PHYSICAL screen px: the addon makes the process per-monitor
  // DPI aware (win.cc Init), and UI Automation then reports unscaled desktop pixels on every monitor.
  double left = 0, top = 0, right = 0, bottom = 0;
  bool enabled = false;
  bool focused = false;      // HasKeyboardFocus
  bool focusable = false;    // IsKeyboardFocusable
  bool password = false;     // IsPassword
  int toggle = -1;           // Toggle pattern's ToggleState: -1 no Toggle pattern, 0 off, 1 on, 2 indeterminate
  int readOnly = -1;         // Value pattern's IsReadOnly: -1 no Value pattern, 0 takes text, 1 read-only
  int selected = -1;         // SelectionItem pattern's IsSelected (radio buttons, list items): -1 none, 0, 1
  DWORD processId = 0;
};

struct Tree {
  std::vector<Node> nodes;   // document order (pre-order) of the control view, off-screen elements left out
  std::wstring app;          // the foreground window's executable
  std::wstring title;        // the foreground window's title
  RECT window{};             // the foreground window's rectangle (GetWindowRect), physical screen px
  DWORD processId = 0;
  std::size_t offscreen = 0; // elements skipped because UI Automation says they are off-screen
  bool truncated = false;    // more elements than maxNodes: the first maxNodes are kept
  bool timeouts = false;     // the connection and transaction time-outs could be set (CUIAutomation8, Windows 8+)
};

// A failure, with a message for a person (what happened and what to do).
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads the foreground window's control view in one batched cross-process call (FindAllBuildCache). Initialises
// COM on the calling thread (multithreaded apartment) and undoes it; call it on a thread that owns no window
// (UI Automation can deadlock when a thread reads its own windows). Throws Error.
Tree ReadForegroundTree(std::size_t maxNodes, DWORD timeoutMs);

// AT-SPI-like role for a UIA control type id ("push button" for UIA_ButtonControlTypeId ...); "unknown" otherwise.
std::wstring RoleOf(int controlType, bool password);

}  // namespace win::uia
