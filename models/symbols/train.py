"""
Trains the symbol classifier on gen_glyphs.py's sets and exports it to ONNX (symbols.onnx).

  python3 train.py --train train.npz --val val.npz --out symbols.onnx --report report.json --seed 1 [--epochs 30]

Model: four 3x3 conv blocks (16-16 / 32-32 / 64 / 64 channels, BatchNorm, ReLU, 2x2 max-pool) over the 32x32 ink
map, then the flattened 2x2x64 map with glyph_norm's three position features, one hidden layer of 96, softmax over
classes.json. About 100k weights (~0.4 MB as float32): a batch of 60 crops is a few ms on one CPU core.
ONNX: inputs image float32 [N,1,32,32] (ink 0..1) and feats float32 [N,3]; output probs float32 [N,classes].
"""
import argparse
import json
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = json.load(open(os.path.join(HERE, 'classes.json'), encoding='utf-8'))['classes']


def block(i, o):
    return [nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]


class SymbolNet(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.body = nn.Sequential(
            *block(1, 16), *block(16, 16), nn.MaxPool2d(2),
            *block(16, 32), *block(32, 32), nn.MaxPool2d(2),
            *block(32, 64), nn.MaxPool2d(2),
            *block(64, 64), nn.MaxPool2d(2),
        )
        self.fc1 = nn.Linear(64 * 2 * 2 + 3, 96)
        self.drop = nn.Dropout(0.2)
        self.fc2 = nn.Linear(96, n)

    def logits(self, image, feats):
        z = self.body(image).flatten(1)
        z = torch.cat([z, feats], 1)
        return self.fc2(self.drop(F.relu(self.fc1(z))))

    def forward(self, image, feats):
        return F.softmax(self.logits(image, feats), dim=1)


def load(path, dev):
    d = np.load(path)
    x = torch.from_numpy(d['x']).to(dev).float().div_(255).unsqueeze(1)
    return x, torch.from_numpy(d['f']).to(dev), torch.from_numpy(d['y']).to(dev)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--train', required=True)
    ap.add_argument('--val', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--report', required=True)
    ap.add_argument('--epochs', type=int, default=30)
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    dev = 'cuda' if torch.cuda.is_available() else 'cpu'
    xt, ft, yt = load(a.train, dev)
    xv, fv, yv = load(a.val, dev)
    net = SymbolNet(len(CLASSES)).to(dev)
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
    bs = 512
    steps = a.epochs * ((len(yt) + bs - 1) // bs)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    g = torch.Generator(device=dev).manual_seed(a.seed)
    t0 = time.time()
    for ep in range(a.epochs):
        net.train()
        perm = torch.randperm(len(yt), device=dev, generator=g)
        tot = 0.0
        for k in range(0, len(yt), bs):
            i = perm[k:k + bs]
            x = xt[i]
            # One-pixel shifts: the crop's placement is not part of the answer.
            sh = int(torch.randint(-1, 2, (1,), device=dev, generator=g))
            sv = int(torch.randint(-1, 2, (1,), device=dev, generator=g))
            x = torch.roll(x, (sv, sh), (2, 3))
            loss = F.cross_entropy(net.logits(x, ft[i]), yt[i], label_smoothing=0.05)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            tot += float(loss) * len(i)
        acc = evaluate(net, xv, fv, yv)[0]
        print(f'epoch {ep + 1}: loss {tot / len(yt):.4f} val acc {acc:.4f} ({time.time() - t0:.0f} s)', flush=True)
    acc, per, conf = evaluate(net, xv, fv, yv)
    net.eval().cpu()
    ex = (torch.zeros(2, 1, 32, 32), torch.zeros(2, 3))
    kw = dict(input_names=['image', 'feats'], output_names=['probs'], opset_version=17,
              dynamic_axes={'image': {0: 'n'}, 'feats': {0: 'n'}, 'probs': {0: 'n'}})
    try:
        torch.onnx.export(net, ex, a.out, dynamo=False, **kw)
    except TypeError:
        torch.onnx.export(net, ex, a.out, **kw)
    params = sum(p.numel() for p in net.parameters())
    json.dump({'val_accuracy': acc, 'per_class_val_accuracy': per, 'most_confused': conf, 'params': params,
               'train_samples': int(len(yt)), 'val_samples': int(len(yv)), 'epochs': a.epochs, 'seed': a.seed,
               'train_seconds': round(time.time() - t0, 1), 'device': dev, 'torch': torch.__version__},
              open(a.report, 'w'), ensure_ascii=False, indent=1)
    print(f'val accuracy {acc:.4f}, {params} parameters -> {a.out}')


@torch.no_grad()
def evaluate(net, x, f, y):
    net.eval()
    pred = torch.cat([net.logits(x[k:k + 4096], f[k:k + 4096]).argmax(1) for k in range(0, len(y), 4096)])
    acc = float((pred == y).float().mean())
    per = {}
    pairs = {}
    for ci, c in enumerate(CLASSES):
        m = y == ci
        if m.any():
            per[c] = round(float((pred[m] == ci).float().mean()), 4)
    for t, p in zip(y.tolist(), pred.tolist()):
        if t != p:
            pairs[(CLASSES[t], CLASSES[p])] = pairs.get((CLASSES[t], CLASSES[p]), 0) + 1
    conf = [f'{t} -> {p}: {n}' for (t, p), n in sorted(pairs.items(), key=lambda kv: -kv[1])[:20]]
    return acc, per, conf


if __name__ == '__main__':
    main()
