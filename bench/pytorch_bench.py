"""The workloads of steepest's JMH benchmarks (bench/src/main/java/dev/steepest/bench), in PyTorch.

Run by bench/compare with each PyTorch build it finds (Debian's, and PyTorch 2 in a virtual environment) on
STEEPEST_BENCH_THREADS threads (default 1). Each workload is
warmed up (STEEPEST_BENCH_WARMUP seconds, default 1), then timed in STEEPEST_BENCH_ROUNDS rounds
(default 5) of about a second each, like the JMH runs; the score is the median round's seconds per
operation. Output, one line each:

    torch VERSION
    WORKLOAD SECONDS_PER_OP

Usage: pytorch_bench.py [WORKLOAD ...]   (default: all of them)
"""
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

WARMUP_SECONDS = float(os.environ.get('STEEPEST_BENCH_WARMUP', '1'))
ROUNDS = int(os.environ.get('STEEPEST_BENCH_ROUNDS', '5'))
ROUND_SECONDS = 1.0


def measure(fn, ops_per_call=1):
    """Median over ROUNDS of the seconds per operation, after WARMUP_SECONDS of calls."""
    end = time.perf_counter() + WARMUP_SECONDS
    while time.perf_counter() < end:
        fn()
    per_op = []
    for _ in range(ROUNDS):
        calls = 0
        start = time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= ROUND_SECONDS:
                break
        per_op.append(elapsed / (calls * ops_per_call))
    per_op.sort()
    return per_op[len(per_op) // 2]


class TestConv(nn.Module):
    """The seed's classifier."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(in_channels=1, out_channels=4, kernel_size=4, bias=False)

    def forward(self, x):
        return self.conv(x).view(1, 4)


def pattern_step():
    torch.manual_seed(0)
    samples = []
    for i in range(20):
        samples.append((torch.tensor([[0, i, 0, i]] * 4, dtype=torch.float32).reshape(1, 1, 4, 4),
                        torch.tensor([0])))
    for i in range(20):
        frame = [[i, i, i, i], [0, i, 0, i], [0, i, 0, i], [i, i, i, i]]
        samples.append((torch.tensor(frame, dtype=torch.float32).reshape(1, 1, 4, 4), torch.tensor([1])))
    net = TestConv()
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
    position = [0]

    def step():
        x, label = samples[position[0]]
        position[0] = (position[0] + 1) % len(samples)
        optimizer.zero_grad()
        outputs = net(x)
        loss = criterion(outputs, label)
        loss.backward()
        optimizer.step()

    return measure(step)


class SimpleGD(torch.optim.Optimizer):
    """The seed's optimizer subclass."""

    def __init__(self, params, lr):
        super().__init__(params, dict(lr=lr))

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is None:
                    continue
                p.add_(p.grad * -group['lr'])
        return loss


PARABOLA_STEPS = 50


def parabola_step():
    x = torch.tensor([1.0], requires_grad=True)
    optimizer = SimpleGD([x], lr=0.1)

    def fifty_steps():
        with torch.no_grad():
            x.fill_(1.0)
        for _ in range(PARABOLA_STEPS):
            optimizer.zero_grad()
            y = x[0] ** 2
            y.backward()
            optimizer.step()

    return measure(fifty_steps, PARABOLA_STEPS)


def matmul(n):
    torch.manual_seed(0)
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    return measure(lambda: torch.mm(a, b))


def conv_lenet():
    torch.manual_seed(0)
    batch = 64
    x1 = torch.randn(batch, 1, 28, 28)
    w1 = (torch.randn(6, 1, 5, 5) * 0.2).requires_grad_()
    b1 = torch.randn(6).requires_grad_()
    g1 = torch.randn(batch, 6, 28, 28)
    x2 = torch.randn(batch, 6, 14, 14).requires_grad_()
    w2 = (torch.randn(16, 6, 5, 5) * 0.1).requires_grad_()
    b2 = torch.randn(16).requires_grad_()
    g2 = torch.randn(batch, 16, 10, 10)

    def forward_backward():
        for t in (w1, b1, x2, w2, b2):
            t.grad = None
        F.conv2d(x1, w1, b1, 1, 2).backward(g1)
        F.conv2d(x2, w2, b2).backward(g2)

    return measure(forward_backward)


def train_step(net, batch_shape, lr=0.01):
    torch.manual_seed(1)
    images = torch.randn(*batch_shape)
    labels = torch.randint(0, 10, (batch_shape[0],))
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(net.parameters(), lr=lr, momentum=0.9)

    def step():
        optimizer.zero_grad()
        loss = criterion(net(images), labels)
        loss.backward()
        optimizer.step()

    return measure(step)


def lenet_step():
    torch.manual_seed(0)
    net = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))
    return train_step(net, (64, 1, 28, 28))


def mlp_step():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    return train_step(net, (64, 784))


def hvp_mlp():
    """One Hessian-vector product of mlp-step's model, as bench/HvpMlp.java: double backward."""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    params = list(net.parameters())
    v = [torch.randn(p.shape) for p in params]
    torch.manual_seed(1)
    images = torch.randn(64, 784)
    labels = torch.randint(0, 10, (64,))
    criterion = nn.CrossEntropyLoss()

    def hvp():
        loss = criterion(net(images), labels)
        grads = torch.autograd.grad(loss, params, create_graph=True)
        return torch.autograd.grad(grads, params, v)

    return measure(hvp)


def adam_1m():
    torch.manual_seed(0)
    p = torch.randn(1 << 20, requires_grad=True)
    p.grad = torch.randn(1 << 20)
    optimizer = optim.Adam([p])
    return measure(optimizer.step)


def lstm_step():
    torch.manual_seed(0)
    seq, batch, hidden, classes = 32, 32, 128, 10
    lstm = nn.LSTM(hidden, hidden, 2)
    head = nn.Linear(hidden, classes)
    sequences = torch.randn(seq, batch, hidden)
    labels = torch.randint(0, classes, (batch,))
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.Adam(list(lstm.parameters()) + list(head.parameters()), lr=1e-3)

    def step():
        optimizer.zero_grad()
        output, _ = lstm(sequences)
        loss = criterion(head(output[-1]), labels)
        loss.backward()
        optimizer.step()

    return measure(step)


def convtranspose_step():
    torch.manual_seed(0)
    batch, z, width = 64, 32, 32
    generator = nn.Sequential(
        nn.ConvTranspose2d(z, 2 * width, 4, 1, 0, bias=False), nn.BatchNorm2d(2 * width), nn.ReLU(),
        nn.ConvTranspose2d(2 * width, width, 4, 2, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
        nn.ConvTranspose2d(width, 1, 3, 1, 1, bias=False), nn.Tanh())
    noise = torch.randn(batch, z, 1, 1)
    images = torch.randn(batch, 1, 8, 8).tanh()
    criterion = nn.MSELoss()
    optimizer = optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))

    def step():
        optimizer.zero_grad()
        loss = criterion(generator(noise), images)
        loss.backward()
        optimizer.step()

    return measure(step)


def pointnet_mlp(sizes, per_point):
    layers = []
    for a, b in zip(sizes, sizes[1:]):
        layers += [nn.Conv1d(a, b, 1) if per_point else nn.Linear(a, b), nn.BatchNorm1d(b), nn.ReLU()]
    return nn.Sequential(*layers)


class PointNetClassifier(nn.Module):
    """The pointnet example's classifier: input T-Net, shared MLP, max over points, head."""

    def __init__(self, width, classes):
        super().__init__()
        self.tnet_points = pointnet_mlp([3, 64, 128, width], True)
        self.tnet_global = pointnet_mlp([width, width // 2, width // 4], False)
        self.tnet_matrix = nn.Linear(width // 4, 9)
        self.points = pointnet_mlp([3, 64, 128, width], True)
        self.head = nn.Sequential(*pointnet_mlp([width, width // 2, width // 4], False), nn.Dropout(0.3),
                                  nn.Linear(width // 4, classes))

    def forward(self, cloud):
        features = self.tnet_points(cloud).max(dim=2).values
        transform = self.tnet_matrix(self.tnet_global(features)).view(-1, 3, 3) + torch.eye(3)
        aligned = torch.bmm(transform.transpose(1, 2), cloud)
        return self.head(self.points(aligned).max(dim=2).values), transform


def pointnet_step():
    torch.manual_seed(0)
    batch, points, width, classes = 32, 512, 256, 8
    model = PointNetClassifier(width, classes)
    clouds = torch.randn(batch, 3, points)
    labels = torch.randint(0, classes, (batch,))
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.Adam(model.parameters(), lr=1e-3)
    identity = torch.eye(3)

    def step():
        optimizer.zero_grad()
        logits, t = model(clouds)
        orthogonality = ((identity - torch.bmm(t, t.transpose(1, 2))) ** 2).sum() / batch
        loss = criterion(logits, labels) + 0.001 * orthogonality
        loss.backward()
        optimizer.step()

    return measure(step)


def transformer_step():
    """The names chapter's transformer (4 pre-LN blocks of 64, 4 heads, GELU, causal), 32 sequences of 16 tokens."""
    torch.manual_seed(0)
    batch, context, embed, vocabulary = 32, 16, 64, 27
    tokens, positions = nn.Embedding(vocabulary, embed), nn.Embedding(context, embed)
    blocks = nn.ModuleList([nn.TransformerEncoderLayer(embed, 4, 4 * embed, dropout=0.0, activation='gelu',
                                                       batch_first=True, norm_first=True) for _ in range(4)])
    norm, head = nn.LayerNorm(embed), nn.Linear(embed, vocabulary)
    modules = nn.ModuleList([tokens, positions, blocks, norm, head])
    inputs = torch.randint(0, vocabulary, (batch, context))
    targets = torch.randint(0, vocabulary, (batch * context,))
    causal = torch.ones(context, context, dtype=torch.bool).triu(1)
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.AdamW(modules.parameters(), lr=5e-4, weight_decay=0.01)

    def step():
        optimizer.zero_grad()
        x = tokens(inputs) + positions(torch.arange(context))
        for block in blocks:
            x = block(x, src_mask=causal)
        loss = criterion(head(norm(x)).reshape(-1, vocabulary), targets)
        loss.backward()
        optimizer.step()

    return measure(step)


def bandwidth():
    """The STREAM triad a = b + 3·c over three tensors of 2^24 floats, as bench/Bandwidth.java."""
    size = 1 << 24
    a, b, c = torch.empty(size), torch.ones(size), torch.full((size,), 2.0)

    def triad():
        torch.add(b, c, alpha=3.0, out=a)

    return measure(triad)


WORKLOADS = {
    'bandwidth': bandwidth,
    'pattern-step': pattern_step,
    'parabola-step': parabola_step,
    'matmul-256': lambda: matmul(256),
    'matmul-512': lambda: matmul(512),
    'matmul-1024': lambda: matmul(1024),
    'conv-lenet': conv_lenet,
    'lenet-step': lenet_step,
    'mlp-step': mlp_step,
    'hvp-mlp': hvp_mlp,
    'adam-1m': adam_1m,
    'lstm-step': lstm_step,
    'convtranspose-step': convtranspose_step,
    'pointnet-step': pointnet_step,
    'transformer-step': transformer_step,
}


def main(names):
    torch.set_num_threads(int(os.environ.get('STEEPEST_BENCH_THREADS', '1')))
    unknown = [name for name in names if name not in WORKLOADS]
    if unknown:
        sys.exit('pytorch_bench.py: unknown workload(s) %s; known: %s' % (', '.join(unknown), ', '.join(WORKLOADS)))
    print('torch', torch.__version__, flush=True)
    for name in names or WORKLOADS:
        print(name, '%.6e' % WORKLOADS[name](), flush=True)


if __name__ == '__main__':
    main(sys.argv[1:])
