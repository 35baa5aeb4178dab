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
        # UI Automation (src/win/uia*.cc) is reached through COM: ole32 and oleaut32, no UIAutomationCore.lib.
        "sources": ["src/win/win.cc", "src/win/uia.cc", "src/win/uia-read.cc"],
        "libraries": ["user32.lib", "shcore.lib", "ole32.lib", "oleaut32.lib"],
        # The sources are C++17 (nested namespaces, inline constexpr), as the -std=c++17 above says for GCC.
        "msvs_settings": {"VCCLCompilerTool": {"AdditionalOptions": ["/std:c++17"]}}
      }]
    ]
  }]
}
