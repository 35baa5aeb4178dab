/* Prints the X server's view of held keys and mouse buttons as JSON (S4: 0 stuck modifiers or buttons).
 * Built on demand by tests/safety/stop-harness.ts: gcc -o xstate safety-xstate.c -lX11 */
#include <X11/Xlib.h>
#include <stdio.h>
int main(void) {
  Display *d = XOpenDisplay(NULL);
  if (!d) return 2;
  char keys[32];
  XQueryKeymap(d, keys);
  int n = 0;
  for (int i = 0; i < 32; i++)
    for (int b = 0; b < 8; b++)
      if (keys[i] & (1 << b)) n++;
  Window r, c;
  int rx, ry, wx, wy;
  unsigned m;
  XQueryPointer(d, DefaultRootWindow(d), &r, &c, &rx, &ry, &wx, &wy, &m);
  printf("{\"keysDown\":%d,\"buttons\":%u,\"modifiers\":%u,\"x\":%d,\"y\":%d}\n", n, (m >> 8) & 0x1f, m & 0xff, rx, ry);
  XCloseDisplay(d);
  return 0;
}
