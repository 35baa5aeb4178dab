"""
Lossless graph rewrites of the PaddleOCR PP-OCRv4 ONNX exports (det and rec) for onnxruntime's CPU provider.

PP-LCNetV3 wraps every convolution in "learnable affine blocks" (a scalar Mul and Add after the conv and after its
hard-swish) and paddle2onnx spells hard-swish as Add+Clip+Mul+Div. onnxruntime fuses none of it: on 2 cores about
45% of the recognizer's time went to these element-wise ops, and they break its NCHWc conv layout into reorders.

  python3 models/ocr/optimize.py IN.onnx OUT.onnx

Rewrites (same arithmetic up to float rounding; the script checks outputs against the input model):
  1. Conv -> Mul(a) -> Add(b)            : folded into the conv (W*a, B*a + b)
  2. Add(3) -> Clip(0,6) -> Mul(x,.) -> Div(6): x * HardSigmoid(x; 1/6, 1/2)
  3. Mul(c) -> Add(d) -> 1x1 Conv (pads 0) : folded into that conv (W*c, B + d*sum(W))
Recognizer only: two more outputs beside the softmax, ctc_index (int32 [N, T], the argmax class per time step)
and ctc_prob (float [N, T], its probability), so the caller reads 2 numbers per step instead of 6625; and its
input height symbolic instead of 48 (the perceiver reads long body-text lines at 40 px).
Needs: onnx, numpy (onnxruntime for the check).
"""
import sys
import numpy as np
import onnx
from onnx import helper, numpy_helper


def optimize(model: onnx.ModelProto, ctc_outputs: bool = False) -> onnx.ModelProto:
    g = model.graph
    inits = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    # Constant nodes -> values we can read
    for n in g.node:
        if n.op_type == 'Constant' and n.attribute and n.attribute[0].name == 'value':
            inits[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
    nodes = [n for n in g.node if not (n.op_type == 'Constant' and n.output[0] in inits)]

    def consumers(name):
        return [n for n in nodes if name in n.input]

    def scalar(name):
        v = inits.get(name)
        return float(v.reshape(-1)[0]) if v is not None and v.size == 1 else None

    def scalar_operand(n):
        """For a binary node with one scalar constant input: (scalar, other input)."""
        for i in (0, 1):
            s = scalar(n.input[i])
            if s is not None and n.input[1 - i] not in inits:
                return s, n.input[1 - i]
        return None, None

    graph_outputs = {o.name for o in g.output}
    removed = set()
    counts = {'conv_affine': 0, 'hardswish': 0, 'affine_into_1x1': 0}

    # 1. Conv -> Mul(a) -> Add(b)
    for conv in [n for n in nodes if n.op_type == 'Conv']:
        cs = consumers(conv.output[0])
        if len(cs) != 1 or cs[0].op_type != 'Mul' or conv.output[0] in graph_outputs:
            continue
        mul = cs[0]
        a, x = scalar_operand(mul)
        if a is None:
            continue
        cs2 = consumers(mul.output[0])
        if len(cs2) != 1 or cs2[0].op_type != 'Add':
            continue
        add = cs2[0]
        b, _ = scalar_operand(add)
        if b is None:
            continue
        W = inits[conv.input[1]]
        B = inits[conv.input[2]] if len(conv.input) > 2 and conv.input[2] else np.zeros(W.shape[0], np.float32)
        wn, bn = conv.input[1] + '_aff', conv.output[0] + '_affb'
        inits[wn] = (W * a).astype(np.float32)
        inits[bn] = (B * a + b).astype(np.float32)
        data = conv.input[0]
        del conv.input[:]
        conv.input.extend([data, wn, bn])
        conv.output[0] = add.output[0]
        removed.update([id(mul), id(add)])
        counts['conv_affine'] += 1
    nodes = [n for n in nodes if id(n) not in removed]

    # 2. hard-swish
    new_nodes = []
    skip = set()
    by_out = {o: n for n in nodes for o in n.output}
    for n in nodes:
        if id(n) in skip:
            continue
        if n.op_type == 'Div' and scalar(n.input[1]) == 6.0:
            m = by_out.get(n.input[0])
            if m is not None and m.op_type == 'Mul':
                clip = next((by_out.get(i) for i in m.input if by_out.get(i) is not None and by_out[i].op_type == 'Clip'), None)
                if clip is not None:
                    add = by_out.get(clip.input[0])
                    x = [i for i in m.input if i != clip.output[0]]
                    attrs = {a.name: helper.get_attribute_value(a) for a in clip.attribute}
                    if (add is not None and add.op_type == 'Add' and len(x) == 1 and attrs.get('min') == 0.0 and attrs.get('max') == 6.0
                            and len(clip.input) == 1 and scalar_operand(add) == (3.0, x[0])
                            and len(consumers(add.output[0])) == 1 and len(consumers(clip.output[0])) == 1 and len(consumers(m.output[0])) == 1):
                        hs = helper.make_node('HardSigmoid', [x[0]], [n.output[0] + '_hsig'], alpha=1.0 / 6.0, beta=0.5)
                        mul = helper.make_node('Mul', [x[0], hs.output[0]], [n.output[0]])
                        removed.update([id(add), id(clip), id(m), id(n)])
                        new_nodes.append((id(n), [hs, mul]))
                        counts['hardswish'] += 1
    repl = dict(new_nodes)
    out = []
    for n in nodes:
        if id(n) in repl:
            out.extend(repl[id(n)])
        elif id(n) not in removed:
            out.append(n)
    # The replaced chains' earlier nodes (Add, Clip, Mul) come before the Div: dropping them keeps topological order.
    nodes = out

    # 3. Mul(c) -> Add(d) -> 1x1 convs
    removed = set()
    by_out = {o: n for n in nodes for o in n.output}
    for add in [n for n in nodes if n.op_type == 'Add']:
        d, y = scalar_operand(add)
        if d is None:
            continue
        mul = by_out.get(y)
        if mul is None or mul.op_type != 'Mul' or len(consumers(mul.output[0])) != 1:
            continue
        c, x = scalar_operand(mul)
        if c is None:
            continue
        cs = consumers(add.output[0])
        if not cs or add.output[0] in graph_outputs:
            continue
        ok = True
        for conv in cs:
            attrs = {a.name: helper.get_attribute_value(a) for a in conv.attribute}
            if conv.op_type != 'Conv' or conv.input[0] != add.output[0] or list(inits[conv.input[1]].shape[2:]) != [1, 1] or any(attrs.get('pads', [0]) ):
                ok = False
        if not ok:
            continue
        for conv in cs:
            W = inits[conv.input[1]]
            B = inits[conv.input[2]] if len(conv.input) > 2 and conv.input[2] else np.zeros(W.shape[0], np.float32)
            wn, bn = conv.input[1] + '_pre', conv.output[0] + '_preb'
            inits[wn] = (W * c).astype(np.float32)
            inits[bn] = (B + d * W.sum(axis=(1, 2, 3))).astype(np.float32)
            del conv.input[:]
            conv.input.extend([x, wn, bn])
            counts['affine_into_1x1'] += 1
        removed.update([id(mul), id(add)])
    nodes = [n for n in nodes if id(n) not in removed]

    outputs = list(g.output)
    if ctc_outputs:
        probs = g.output[0].name
        nodes.append(helper.make_node('ArgMax', [probs], ['ctc_index64'], axis=2, keepdims=0))
        nodes.append(helper.make_node('Cast', ['ctc_index64'], ['ctc_index'], to=onnx.TensorProto.INT32))
        nodes.append(helper.make_node('ReduceMax', [probs], ['ctc_prob'], axes=[2], keepdims=0))
        outputs += [helper.make_tensor_value_info('ctc_index', onnx.TensorProto.INT32, ['N', 'T']),
                    helper.make_tensor_value_info('ctc_prob', onnx.TensorProto.FLOAT, ['N', 'T'])]
    used = {i for n in nodes for i in n.input}
    new_inits = [numpy_helper.from_array(np.asarray(v), k) for k, v in inits.items() if k in used]
    inputs = list(g.input)
    if ctc_outputs:
        # Input height symbolic (the graph pools it away): long body-text lines can be read at 40 px.
        d = inputs[0].type.tensor_type.shape.dim[2]
        d.ClearField('dim_value')
        d.dim_param = 'H'
    graph = helper.make_graph(nodes, g.name, inputs, outputs, new_inits)
    out_model = helper.make_model(graph, opset_imports=list(model.opset_import), producer_name='magma-desk models/ocr/optimize.py')
    out_model.ir_version = model.ir_version
    print('rewrites:', counts, file=sys.stderr)
    return out_model


def main():
    src, dst = sys.argv[1], sys.argv[2]
    model = onnx.load(src)
    out = optimize(model, ctc_outputs='rec' in src)
    onnx.checker.check_model(out)
    onnx.save(out, dst)
    try:
        import onnxruntime as ort
    except ImportError:
        return
    shape = [2, 3, 48, 320] if 'rec' in src else [1, 3, 320, 416]
    x = np.random.default_rng(0).uniform(-1, 1, shape).astype(np.float32)
    a = ort.InferenceSession(src, providers=['CPUExecutionProvider'])
    b = ort.InferenceSession(dst, providers=['CPUExecutionProvider'])
    ya = a.run(None, {a.get_inputs()[0].name: x})[0]
    yb = b.run(None, {b.get_inputs()[0].name: x})[0]
    print(f'check: max |diff| {np.abs(ya - yb).max():.2e} (outputs in [{ya.min():.2f}, {ya.max():.2f}])', file=sys.stderr)


if __name__ == '__main__':
    main()
