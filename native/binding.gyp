# The platform addon (see src/addon.cc). Built by scripts/build-native.sh: prebuildify for the committed prebuild,
# node-gyp for a source build where no prebuild matches (node-gyp-build picks whichever exists).
{
  "targets": [{
    "target_name": "magma_native",
    "sources": ["src/addon.cc"],
    "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"],
    "cflags_cc": ["-std=c++17", "-pthread", "-fvisibility=hidden", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-cast-function-type"],
    "conditions": [
      # The X libraries are opened with dlopen (src/x11/libs.cc): only libdl is linked, so the addon loads, and says
      # which package is missing, on a machine without them.
      ["OS=='linux'", {
        "sources": ["src/x11/libs.cc", "src/x11/keyboard.cc", "src/x11/clipboard.cc", "src/x11/x11.cc"],
        "libraries": ["-ldl", "-pthread"]
      }],
      ["OS=='win'", {
        "sources": ["src/win/win.cc"],
        "libraries": ["user32.lib", "shcore.lib"]
      }]
    ]
  }]
}
