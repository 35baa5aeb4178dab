#!/usr/bin/env bash
# Magma benchmark on a GPU machine: export random-weight full-size Magma-8B bundles, time one grounding step
# through onnxruntime-node (WebGPU) and the PyTorch reference (bf16, eager) on the same GPU, sample peak GPU memory.
#
#   bash scripts/bench-magma.sh [stages...]     stages: env vk export-int4 node-int4 variants-int4 profile-int4 matmul attention vision-q8 format3 steps
#                                                       kv-buckets kv-sizes prompt-buckets plan-sessions convert converted export-fp16 node-fp16 torch
#
# vk: the Vulkan features Dawn needs for its subgroup-matrix (tensor-core) feature (vulkaninfo, carried).
# profile-int4: GPU time per operator and per program of vision and of the prefill (onnxruntime profiler, WebGPU
# timestamp queries): profile-int4.json, raw profiles in profiles-int4.tar.xz.
# matmul: single MatMul / MatMulNBits graphs at Magma's shapes (models/magma/single_op_graphs.py; MATMUL_REPEAT=16
# chains 16 in one graph), GPU time and the kernel onnxruntime picks for each (scripts/bench-matmul.ts):
# matmul-<variant>.json, SM clocks meanwhile in clocks-matmul.csv.
# attention: the prefill's attention alone at ATTN_ROWS rows (scripts/attention-graphs.ts): GroupQueryAttention as
# the decoder has it, the same in MatMul + Softmax, and that inside an If (attention-<form>.json).
# vision-q8: the vision MatMuls as 8-bit MatMulNBits (optimize_graphs.py --vision-nbits 8, accuracy_level in
# Q8_LEVELS, default "4 0") against the fp16 graph: cosine of the image features and time (vision-q8a<L>.json), and
# a profile (profile-q8.json); Q8_WEBGPU='{"storageBufferCacheMode":"simple"}' runs both with those options.
#
# kv-buckets (#16): the decoder alone (KV_DECODER, default decoder_am2.onnx, made here from the export with
# --argmax-2stage as models convert's format 2 has it), the bucketed and the dynamic KV cache, each under the
# default buffer cache and under storageBufferCacheMode simple, one process each: decode step at KV_CONTEXTS
# (default 64,512,1284), GPU memory per context, greedy tokens of both caches across the 512 boundary
# (kv-<cache>-<buffer cache>.json).
# kv-sizes (#16): the whole step at KV_SIZES screenshots in turn (default 512x512,1024x512,1920x1080: 1x1, 1x2 and
# 2x2 crops, so three prompt lengths), same four processes, GPU memory per size (sizes-<cache>-<buffer cache>.json).
# prompt-buckets (#16): the app's defaults (prompt buckets + bucketed KV + simple buffer cache) against the app
# before them ("old": bucketed KV, onnxruntime's default buffer cache, unpadded prompt) and against bucketed KV +
# simple without prompt buckets ("nopad"): the decoder alone at KV_CONTEXTS (new and old; pb-probe-<cfg>.json) and
# a session of steps at PB_SIZES, several prompt lengths, repeated (all three; pb-sizes-<cfg>.json, with the new
# defaults' tokens against the unpadded dynamic cache after the session). PB_CONFIGS picks among new, old, nopad
# and new512 (the defaults with the prompt padded to multiples of 512); PB_PROBE=0 skips the decoder-alone probe.
#
# format3 (#16): format 3's graphs (optimize_graphs.py's rewrites, node for node what `models convert` writes since
# format 3) under the app's two run plans (magma-memory-plan.ts: plan8, a card under 16 GB; plan24, 16 GB or
# more), one process each (format3-<name>.json, peak memory in mem.txt); run with torch for the reference in the
# same call.
# plan-sessions (#16): a session of steps over four prompt lengths (PLAN_SIZES) under each plan (PLAN_SESSIONS):
# peak GPU memory over the session (plan-sessions-<name>.json, mem.txt).
# convert, converted (#16): `models convert` of a random full-size checkpoint on this machine (time, peak RSS), then
# the whole step with that bundle under each plan (PLAN_GBS; converted-plan<GB>.json): the app's own graphs.
# steps (the default after env and export-int4): format3 and torch at 10 and 30 new tokens (STEP_TOKENS) and a
# table of the whole step against PyTorch's in the same run, as ratios ($OUT/summary.json; bench_summary.py).
# NEW_TOKENS (default 30): new tokens per step in node-*, variants-int4, format3 and torch.
# variants-int4: graph variants (models/magma/optimize_graphs.py) and WebGPU session options, one process each,
# each with its own JSON (v-<name>.json) and peak memory line; all packed into $OUT/variants.tgz at the end.
#
# Needs python3 with torch and onnx, an NVIDIA GPU, and node (NODE=...) with onnxruntime-node resolvable from
# BENCH_DIR (default: this repo). On the lent GPU machine the node binary, onnxruntime-node and the Vulkan loader
# come from .carry-magma/ (see docs/BENCHMARKS.md). Results: $OUT (default ./bench-out): *.json, bench.log, mem.txt.
set -u
cd "$(dirname "$0")/.."
OUT=${OUT:-$PWD/bench-out}
mkdir -p "$OUT"
LOG="$OUT/bench.log"
WORK=${WORK:-/tmp/magma-bench}
mkdir -p "$WORK"
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(env export-int4 steps)
say() { echo "[$(date +%T)] $*" | tee -a "$LOG"; }

# Carried tools (the lent machine has no node and no registry).
if [ -d .carry-magma ] && [ -z "${NODE:-}" ]; then
  if [ ! -x /tmp/node ]; then xz -dc .carry-magma/node.xz >/tmp/node && chmod +x /tmp/node; fi
  if [ ! -d /tmp/b/node_modules/onnxruntime-node ]; then mkdir -p /tmp/b/node_modules && tar -C /tmp/b/node_modules -xJf .carry-magma/ort.tar.xz; fi
  cp .carry-magma/bench.mjs /tmp/b/bench.mjs
  [ -f .carry-magma/bench-matmul.mjs ] && cp .carry-magma/bench-matmul.mjs /tmp/b/bench-matmul.mjs
  [ -f .carry-magma/attention-graphs.mjs ] && cp .carry-magma/attention-graphs.mjs /tmp/b/attention-graphs.mjs
  # MagmaModel's preprocessing thread, beside bench.mjs (esbuild --format=cjs of electron/agent/model/preprocess-worker.ts)
  [ -f .carry-magma/preprocess-worker.js ] && cp .carry-magma/preprocess-worker.js /tmp/b/preprocess-worker.js
  for f in .carry-magma/debs/*.deb; do [ -f "$f" ] && dpkg -x "$f" /; done
  ldconfig 2>/dev/null
  NODE=/tmp/node
  BENCH="/tmp/node /tmp/b/bench.mjs"
  BENCH_MATMUL="/tmp/node /tmp/b/bench-matmul.mjs"
  # models convert and the random full-size checkpoint (esbuild bundles, docs/BENCHMARKS.md): stages convert, converted
  [ -f .carry-magma/convert.mjs ] && cp .carry-magma/convert.mjs .carry-magma/random-checkpoint.mjs /tmp/b/
  CONVERT="/tmp/node /tmp/b/convert.mjs"
  RANDOM_CKPT="/tmp/node /tmp/b/random-checkpoint.mjs"
else
  NODE=${NODE:-node}
  BENCH="npx tsx scripts/bench-magma.ts"
  BENCH_MATMUL="npx tsx scripts/bench-matmul.ts"
  CONVERT="node bin/magma-desk.js models convert"
  RANDOM_CKPT="node --import tsx electron/adapters/convert/testing/random-checkpoint.ts"
fi
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}
export PYTHONUNBUFFERED=1

# A graph variant of the int4 export, made once: graph_variant vision|decoder <file> <optimize_graphs.py flags...>
graph_variant() {
  local kind=$1 file=$2
  shift 2
  [ -f "$WORK/m-int4/$file" ] || python3 models/magma/optimize_graphs.py "$WORK/m-int4" "--$kind-out" "$file" "$@" 2>&1 | tee -a "$LOG"
}

# Peak GPU memory of a command: nvidia-smi sampled every 100 ms beside it; "name peak_MiB baseline_MiB" to mem.txt.
with_mem() {
  local name=$1 limit=$2
  shift 2
  local f="$WORK/mem-$name.csv"
  nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 100 >"$f" 2>/dev/null &
  local sampler=$!
  sleep 0.3
  timeout "$limit" "$@" 2>&1 | tee -a "$LOG"
  local rc=${PIPESTATUS[0]}
  kill "$sampler" 2>/dev/null
  wait "$sampler" 2>/dev/null
  local base peak
  base=$(head -1 "$f" | tr -d ' ')
  peak=$(sort -n "$f" | tail -1 | tr -d ' ')
  echo "$name peak_MiB=$peak baseline_MiB=$base rc=$rc" | tee -a "$OUT/mem.txt" "$LOG"
  return "$rc"
}

for s in "${stages[@]}"; do
  case $s in
    env)
      say "== env"
      { nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; uname -r; python3 -c 'import torch, onnx; print("torch", torch.__version__, "onnx", onnx.__version__)';
        $NODE -e 'console.log("node", process.version)';
        (cd /tmp/b 2>/dev/null || cd .; $NODE -e 'const o=require("onnxruntime-node"); console.log("ort", o.env.versions?.common ?? "", JSON.stringify(o.listSupportedBackends()))');
        ldconfig -p | grep -c libvulkan; ls /usr/local/nvidia/share/vulkan/icd.d/ 2>&1; } 2>&1 | tee -a "$LOG"
      ;;
    vk)
      say "== Vulkan device (what Dawn's subgroup-matrix feature needs: VK_KHR_cooperative_matrix, vulkanMemoryModel(DeviceScope), subgroupSizeControl + computeFullSubgroups)"
      if [ -d .carry-magma/vt ]; then
        # vulkaninfo and its X/Wayland client libraries unpack beside /, not over it: only this command loads them.
        mkdir -p /tmp/vt && for f in .carry-magma/vt/*.deb; do dpkg -x "$f" /tmp/vt; done
        LD_LIBRARY_PATH=/tmp/vt/usr/lib/x86_64-linux-gnu timeout 60 /tmp/vt/usr/bin/vulkaninfo >"$WORK/vulkaninfo.txt" 2>&1
        xz -c "$WORK/vulkaninfo.txt" >"$OUT/vulkaninfo.txt.xz"
        grep -E "deviceName|driverVersion|apiVersion|VK_KHR_cooperative_matrix|VK_NV_cooperative_matrix|VK_KHR_vulkan_memory_model|vulkanMemoryModel|subgroupSizeControl|computeFullSubgroups|minSubgroupSize|maxSubgroupSize|shaderFloat16|timestampComputeAndGraphics" "$WORK/vulkaninfo.txt" | sort | uniq -c | tee -a "$LOG"
      else
        say "no .carry-magma/vt (vulkan-tools debs): skipped"
      fi
      ;;
    export-int4 | export-fp16)
      p=${s#export-}
      say "== export $p (random weights, full Magma-8B shapes)"
      rm -rf "$WORK/m-$p"
      flag=$([ "$p" = int4 ] && echo --int4)
      start=$(date +%s.%N)
      timeout "${EXPORT_LIMIT:-260}" python3 models/magma/export.py --random magma-8b --to "$WORK/m-$p" --dtype fp16 $flag 2>&1 | tee -a "$LOG"
      say "export $p rc=${PIPESTATUS[0]} in $(awk "BEGIN{print $(date +%s.%N) - $start}") s; $(du -sh "$WORK/m-$p" | cut -f1)"
      ;;
    node-int4 | node-fp16)
      p=${s#node-}
      say "== onnxruntime-node ${PROVIDERS:-webgpu} $p"
      with_mem "node-$p${KV:+-$KV}" "${NODE_LIMIT:-240}" $BENCH --model "$WORK/m-$p" --providers "${PROVIDERS:-webgpu}" --runs "${RUNS:-3}" --new-tokens "${NEW_TOKENS:-30}" ${KV:+--kv $KV} --out "$OUT/node-$p${KV:+-$KV}.json"
      ;;
    profile-int4 | profile-fp16)
      p=${s#profile-}
      say "== onnxruntime profile ${PROVIDERS:-webgpu} $p"
      mkdir -p "$WORK/prof"
      # PROFILE_ARGS: bench-magma.ts flags for the profiled configuration (graphs, --plan); PROFILE_NAME names its files
      # shellcheck disable=SC2086
      timeout "${NODE_LIMIT:-240}" $BENCH --model "$WORK/m-$p" --providers "${PROVIDERS:-webgpu}" --runs "${RUNS:-3}" ${PROFILE_ARGS:-} --profile "$WORK/prof/${PROFILE_NAME:-$p}" 2>&1 | tee -a "$LOG"
      cp "$WORK/prof/${PROFILE_NAME:-$p}-summary.json" "$OUT/profile-${PROFILE_NAME:-$p}.json" 2>/dev/null
      tar -C "$WORK/prof" -cJf "$OUT/profiles-$p.tar.xz" . 2>/dev/null
      ;;
    matmul)
      say "== single-operator MatMul / MatMulNBits at Magma's shapes"
      rm -rf "$WORK/sog"
      variants=${MATMUL_VARIANTS:-fp16,q4a4,q4a0,q8a4}
      python3 models/magma/single_op_graphs.py --to "$WORK/sog" ${MATMUL_CASES:+--cases "$MATMUL_CASES"} --variants "$variants" --repeat "${MATMUL_REPEAT:-1}" 2>&1 | tee -a "$LOG"
      # SM clock beside the runs, to tell a slow kernel from a GPU that has not clocked up (on the H200: 1980 MHz
      # throughout, chained or not)
      nvidia-smi --query-gpu=timestamp,clocks.sm,clocks.mem,utilization.gpu --format=csv,noheader -lms 100 >"$OUT/clocks-matmul.csv" 2>/dev/null &
      clocks=$!
      # one process a variant: a crash in one leaves the others' numbers
      for v in ${variants//,/ }; do
        timeout "${MATMUL_LIMIT:-60}" $BENCH_MATMUL --dir "$WORK/sog" --only="-$v" --providers "${PROVIDERS:-webgpu}" --runs "${MATMUL_RUNS:-6}" --out "$OUT/matmul-$v.json" 2>&1 | tee -a "$LOG"
      done
      kill "$clocks" 2>/dev/null
      ;;
    attention)
      # The prefill's attention alone (#16): GroupQueryAttention (FlashAttention on WebGPU) against MatMul + Softmax,
      # and the latter inside an If as a decoder would hold both (scripts/attention-graphs.ts), ATTN_ROWS rows,
      # ATTN_REPEAT chained per graph; one process a form.
      say "== prefill attention: GroupQueryAttention vs MatMul + Softmax"
      rm -rf "$WORK/attn"
      if [ -f /tmp/b/attention-graphs.mjs ]; then ATTN_GRAPHS="$NODE /tmp/b/attention-graphs.mjs"; else ATTN_GRAPHS="npx tsx scripts/attention-graphs.ts"; fi
      $ATTN_GRAPHS --to "$WORK/attn" --rows "${ATTN_ROWS:-1284,1408,1536}" --repeat "${ATTN_REPEAT:-8}" 2>&1 | tee -a "$LOG"
      $ATTN_GRAPHS --check --rows 1,96,1284 --providers cpu 2>&1 | tee -a "$LOG"
      for v in gqa sdpa if; do
        timeout "${MATMUL_LIMIT:-90}" $BENCH_MATMUL --dir "$WORK/attn" --only="-$v" --providers webgpu --runs "${MATMUL_RUNS:-6}" --out "$OUT/attention-$v.json" 2>&1 | tee -a "$LOG"
      done
      ;;
    vision-q8)
      say "== vision MatMuls as 8-bit MatMulNBits vs fp16"
      M="$WORK/m-int4"
      for lv in ${Q8_LEVELS:-4 0}; do
        python3 models/magma/optimize_graphs.py "$M" --vision-out "vision_q8a$lv.onnx" --vision-2d --vision-nbits 8 --accuracy-level $lv 2>&1 | tee -a "$LOG"
        timeout "${NODE_LIMIT:-240}" $BENCH --model "$M" --providers "${PROVIDERS:-webgpu}" --runs "${RUNS:-3}" --compare-vision "vision_q8a$lv.onnx" ${Q8_WEBGPU:+--webgpu "$Q8_WEBGPU"} --out "$OUT/vision-q8a$lv.json" 2>&1 | tee -a "$LOG"
      done
      mkdir -p "$WORK/prof-q8"
      timeout "${NODE_LIMIT:-240}" $BENCH --model "$M" --providers "${PROVIDERS:-webgpu}" --runs "${RUNS:-3}" --vision-graph "vision_q8a${Q8_PROFILE_LEVEL:-4}.onnx" ${Q8_WEBGPU:+--webgpu "$Q8_WEBGPU"} --profile "$WORK/prof-q8/q8" 2>&1 | tee -a "$LOG"
      cp "$WORK/prof-q8/q8-summary.json" "$OUT/profile-q8.json" 2>/dev/null
      ;;
    variants-int4)
      say "== variants (int4)"
      M="$WORK/m-int4"
      mkdir -p "$WORK/v"
      # one variant a line: name, then bench-magma.ts flags (VARIANTS overrides the list)
      list=${VARIANTS:-}
      [ -z "$list" ] && list=$(cat <<'LIST'
base
spin --spinning
vis-opt --vision-graph vision_opt.onnx
cache-simple --webgpu {"storageBufferCacheMode":"simple"}
LIST
)
      # the graph variants the list names, once
      [[ $list == *vision_opt.onnx* ]] && graph_variant vision vision_opt.onnx --vision-2d --bias-gelu
      [[ $list == *decoder_acc0.onnx* ]] && graph_variant decoder decoder_acc0.onnx --accuracy-level 0
      [[ $list == *decoder_am2.onnx* ]] && graph_variant decoder decoder_am2.onnx --argmax-2stage
      while read -r name args; do
        [ -z "$name" ] && continue
        say "-- variant $name: $args"
        # shellcheck disable=SC2086
        with_mem "v-$name" "${VARIANT_LIMIT:-100}" $BENCH --model "$M" --providers webgpu --runs "${RUNS:-3}" --new-tokens "${NEW_TOKENS:-30}" --variant "$name" $args --out "$WORK/v/v-$name.json" </dev/null
      done <<<"$list"
      cp "$OUT/mem.txt" "$WORK/v/" 2>/dev/null
      tar -C "$WORK/v" -czf "$OUT/variants.tgz" .
      ;;
    kv-buckets)
      say "== #16 bucketed vs dynamic KV cache, decoder alone"
      M="$WORK/m-int4"
      dg=${KV_DECODER:-decoder_am2.onnx}
      graph_variant decoder "$dg" --argmax-2stage
      for cache in default simple; do
        wg=$([ "$cache" = simple ] && echo '{"storageBufferCacheMode":"simple"}')
        for kv in dynamic bucketed; do
          # shellcheck disable=SC2086
          with_mem "kv-$kv-$cache" "${KV_LIMIT:-120}" $BENCH --model "$M" --providers webgpu --kv $kv ${wg:+--webgpu $wg} --decoder-graph "$dg" \
            --decode-probe "${KV_CONTEXTS:-64,512,1284}" --runs "${RUNS:-3}" --variant "$kv-$cache" --out "$OUT/kv-$kv-$cache.json" </dev/null
        done
      done
      ;;
    kv-sizes)
      say "== #16 bucketed vs dynamic KV cache, whole step at three screenshot sizes"
      M="$WORK/m-int4"
      dg=${KV_DECODER:-decoder_am2.onnx}
      graph_variant decoder "$dg" --argmax-2stage
      for cache in default simple; do
        wg=$([ "$cache" = simple ] && echo '{"storageBufferCacheMode":"simple"}')
        for kv in dynamic bucketed; do
          # shellcheck disable=SC2086
          with_mem "sizes-$kv-$cache" "${KV_LIMIT:-120}" $BENCH --model "$M" --providers webgpu --kv $kv ${wg:+--webgpu $wg} --decoder-graph "$dg" \
            --sizes "${KV_SIZES:-512x512,1024x512,1920x1080}" --new-tokens "${NEW_TOKENS:-30}" --variant "$kv-$cache" --out "$OUT/sizes-$kv-$cache.json" </dev/null
        done
      done
      ;;
    prompt-buckets)
      say "== #16 prompt buckets + simple buffer cache (the defaults) vs before"
      M="$WORK/m-int4"
      dg=${KV_DECODER:-decoder_am2.onnx}
      graph_variant decoder "$dg" --argmax-2stage
      sizes=${PB_SIZES:-512x512,1024x512,1536x512,1920x1080,512x512+10,1024x512+10,1536x512+10,1920x1080+10,512x512,1920x1080}
      for cfg in ${PB_CONFIGS:-new old nopad}; do
        case $cfg in
          new) args=; par=--parity ;;
          old) args='--buffer-cache default --prompt-buckets off'; par= ;;
          nopad) args='--prompt-buckets off'; par= ;;
          new512) args='--prompt-buckets 512'; par= ;;
          *) say "unknown configuration $cfg"; continue ;;
        esac
        if [ "${PB_PROBE:-1}" = 1 ] && [[ $cfg == new || $cfg == old ]]; then
          # shellcheck disable=SC2086
          with_mem "pb-probe-$cfg" "${KV_LIMIT:-120}" $BENCH --model "$M" --providers webgpu --decoder-graph "$dg" $args \
            --decode-probe "${KV_CONTEXTS:-64,512,1284}" --runs "${RUNS:-3}" --variant "$cfg" --out "$OUT/pb-probe-$cfg.json" </dev/null
        fi
        # shellcheck disable=SC2086
        with_mem "pb-sizes-$cfg" "${KV_LIMIT:-120}" $BENCH --model "$M" --providers webgpu --decoder-graph "$dg" $args $par \
          --sizes "$sizes" --new-tokens "${NEW_TOKENS:-30}" --variant "$cfg" --out "$OUT/pb-sizes-$cfg.json" </dev/null
      done
      ;;
    format3)
      say "== #16 bundle format 3 (as models convert writes it) against format 2, whole step at NEW_TOKENS"
      M="$WORK/m-int4"
      # The export's graphs rewritten to what the TypeScript converter writes: format 2's decoder; format 3's decoder
      # (logits at the last real row) and int4 vision (8-bit MatMulNBits, BiasGelu, bias inside, 2-D shapes declared).
      graph_variant decoder decoder_am2.onnx --argmax-2stage
      graph_variant decoder decoder_f3.onnx --argmax-2stage --logits-last-real
      graph_variant vision vision_f3.onnx --vision-2d --bias-gelu --vision-nbits 8 --nbits-bias
      f3="--decoder-graph decoder_f3.onnx --vision-graph vision_f3.onnx --format 3"
      # The app's two run plans (electron/shells/magma-memory-plan.ts): plan8 for a card under 16 GB (the default: 2
      # crops per vision run, the prompt in chunks of 768), plan24 from 16 GB (both in one run). FORMAT3_LIST
      # replaces the list (one configuration a line: name, then bench-magma.ts flags; $f3 is expanded).
      list=${FORMAT3_LIST:-"plan8 $f3 --plan 8"$'\n'"plan24 $f3 --plan 24"}
      list=${list//\$f3/$f3}
      while read -r name args; do
        say "-- $name: $args"
        # shellcheck disable=SC2086
        with_mem "f3-$name" "${VARIANT_LIMIT:-100}" $BENCH --model "$M" --providers webgpu --runs "${RUNS:-3}" --new-tokens "${NEW_TOKENS:-30}" --variant "$name" $args --out "$OUT/format3-$name.json" </dev/null
      done <<<"$list"
      ;;
    plan-sessions)
      say "== #16 a session of steps over several prompt lengths with each run plan: peak GPU memory"
      M="$WORK/m-int4"
      graph_variant decoder decoder_f3.onnx --argmax-2stage --logits-last-real
      graph_variant vision vision_f3.onnx --vision-2d --bias-gelu --vision-nbits 8 --nbits-bias
      sizes=${PLAN_SIZES:-512x512,1024x512,1536x512,1920x1080,512x512+10,1024x512+10,1536x512+10,1920x1080+10,512x512,1920x1080}
      # one configuration a line: name, then bench-magma.ts flags (PLAN_SESSIONS replaces the list)
      list=${PLAN_SESSIONS:-"plan24 --plan 24"$'\n'"plan8 --plan 8"}
      while read -r name args; do
        [ -z "$name" ] && continue
        # shellcheck disable=SC2086
        with_mem "plan-sessions-$name" "${KV_LIMIT:-150}" $BENCH --model "$M" --providers webgpu --decoder-graph decoder_f3.onnx --vision-graph vision_f3.onnx --format 3 \
          $args --sizes "$sizes" --new-tokens "${NEW_TOKENS:-10}" --variant "$name" --out "$OUT/plan-sessions-$name.json" </dev/null
      done <<<"$list"
      ;;
    convert)
      say "== models convert (TypeScript) of a random full-size Magma-8B checkpoint, as the app converts a download"
      rm -rf "$WORK/ckpt" "$WORK/conv"
      start=$(date +%s.%N)
      timeout "${CKPT_LIMIT:-200}" $RANDOM_CKPT --to "$WORK/ckpt" 2>&1 | tail -2 | tee -a "$LOG"
      mid=$(date +%s.%N)
      tv=$([ -x /usr/bin/time ] && echo "/usr/bin/time -v")
      $tv timeout "${CONVERT_LIMIT:-500}" $CONVERT --from "$WORK/ckpt" --to "$WORK/conv" >"$WORK/convert.log" 2>&1
      say "convert rc=$? in $(awk "BEGIN{print $(date +%s.%N) - $mid}") s (checkpoint $(awk "BEGIN{print $mid - $start}") s); $(grep -E 'Maximum resident|Elapsed' "$WORK/convert.log" | tr -s ' ' | tr '\n' ';') $(du -sh "$WORK/conv" | cut -f1)"
      tail -3 "$WORK/convert.log" | tee -a "$LOG"
      rm -rf "$WORK/ckpt"
      ;;
    converted)
      say "== the converter's own bundle ($WORK/conv, its manifest's graphs and format) under the app's run plans"
      for gb in ${PLAN_GBS:-8 24}; do
        with_mem "converted-plan$gb" "${VARIANT_LIMIT:-100}" $BENCH --model "$WORK/conv" --providers webgpu --runs "${RUNS:-3}" --new-tokens "${NEW_TOKENS:-10}" \
          --plan "$gb" --variant "converted-plan$gb" --out "$OUT/converted-plan$gb.json" </dev/null
      done
      ;;
    steps)
      # What `npm run bench:magma` reports (#16): format3 and torch at 10 and 30 new tokens (STEP_TOKENS), each in
      # $OUT/t<N>, then one table with PyTorch's step / ours (models/magma/bench_summary.py -> $OUT/summary.json).
      for n in ${STEP_TOKENS:-10 30}; do
        WORK="$WORK" NEW_TOKENS=$n OUT="$OUT/t$n" bash "$0" format3 torch
      done
      python3 models/magma/bench_summary.py "$OUT" | tee -a "$LOG"
      ;;
    torch)
      say "== PyTorch reference bf16"
      with_mem torch "${TORCH_LIMIT:-200}" python3 models/magma/bench_torch.py --out "$OUT/torch.json" --runs "${RUNS:-3}" --new-tokens "${NEW_TOKENS:-30}"
      ;;
    *) say "unknown stage $s" ;;
  esac
done
say "done"
