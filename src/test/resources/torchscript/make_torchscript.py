"""Exports two golden reference models as TorchScript fixtures for TorchScriptLoaderTest.

Rebuilds the Classifier of /work/shared/golden/make_golden.py, loads its .npz weights and
saves a module whose forward(x, lengths) returns only the logits, plus a small JSON with the
input and the logits PyTorch computed, so the Java test does not need the golden folder.
Run with Debian's torch (1.13): /usr/bin/python3 make_torchscript.py [golden-dir]
"""
import importlib.util
import json
import os
import sys

import numpy as np
import torch
from torch import Tensor, nn
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/golden"
CASES = ["text-lstm-l1-bi", "image-rows-gru-l1-uni"]
LABELS = ["a", "b", "c", "d", "e"]


def load_golden_module():
    path = os.path.join(GOLDEN, "make_golden.py")
    spec = importlib.util.spec_from_file_location("make_golden", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class LogitsOnly(nn.Module):
    """The serving contract: forward(x, lengths) -> logits (B, classes).

    Scripted rather than traced: tracing would bake in the example's batch size and the
    data-dependent sorting inside pack_padded_sequence. Subclasses only differ in how the
    recurrent state is unpacked, since TorchScript types LSTM's (h, c) and GRU's h statically.
    """

    def __init__(self, classifier):
        super().__init__()
        text = classifier.input_kind == "text"
        # Identity keeps a single code path for scripting; image rows need no embedding.
        self.embedding = classifier.embedding if text else nn.Identity()
        self.rnn = classifier.rnn
        self.fc = classifier.fc
        self.bidirectional = classifier.rnn.bidirectional

    def pack(self, x: Tensor, lengths: Tensor) -> PackedSequence:
        # pack_padded_sequence wants its lengths on the CPU as int64, whatever device x is on.
        return pack_padded_sequence(self.embedding(x), lengths.to(device="cpu", dtype=torch.int64),
                                    batch_first=True, enforce_sorted=False)

    def head(self, h_n: Tensor) -> Tensor:
        # final state of the last layer: forward direction, then backward direction
        if self.bidirectional:
            return self.fc(torch.cat([h_n[-2], h_n[-1]], dim=1))
        return self.fc(h_n[-1])


class LstmLogits(LogitsOnly):
    def forward(self, x: Tensor, lengths: Tensor) -> Tensor:
        _, (h_n, _) = self.rnn(self.pack(x, lengths))
        return self.head(h_n)


class HiddenLogits(LogitsOnly):
    """For nn.GRU and nn.RNN, whose state is the hidden tensor alone."""

    def forward(self, x: Tensor, lengths: Tensor) -> Tensor:
        _, h_n = self.rnn(self.pack(x, lengths))
        return self.head(h_n)


def export(case, golden):
    with open(os.path.join(GOLDEN, case + ".json")) as f:
        spec = json.load(f)
    config = spec["config"]
    classifier = golden.Classifier(config["cell"], config["layers"], config["bidirectional"],
                                   config["inputKind"]).eval()
    weights = np.load(os.path.join(GOLDEN, spec["weights"]))
    classifier.load_state_dict({k: torch.from_numpy(weights[k]) for k in weights.files})
    wrapper = (LstmLogits if config["cell"] == "lstm" else HiddenLogits)(classifier).eval()
    scripted = torch.jit.script(wrapper)

    pt_path = os.path.join(HERE, case + ".pt")
    scripted.save(pt_path)
    check(case, pt_path, spec, config["inputKind"])

    fixture = {"inputKind": config["inputKind"], "labels": LABELS, "input": spec["input"],
               "lengths": spec["lengths"], "logits": spec["expected"]["logits"]}
    with open(os.path.join(HERE, case + ".json"), "w") as f:
        json.dump(fixture, f)
    print(f"{case}: {os.path.getsize(pt_path)} bytes .pt")


def check(case, pt_path, spec, input_kind):
    """Reloads the saved file and checks it against the golden logits, alone and batched."""
    loaded = torch.jit.load(pt_path)
    dtype = torch.long if input_kind == "text" else torch.float32
    x = torch.tensor(spec["input"], dtype=dtype)
    lengths = torch.tensor(spec["lengths"], dtype=torch.long)
    expected = torch.tensor(spec["expected"]["logits"])
    with torch.no_grad():
        got = loaded(x, lengths)
        assert torch.allclose(got, expected, atol=1e-5), f"{case}: batch mismatch"
        # Each sequence alone, trimmed to its own length: other batch sizes and paddings.
        for i, n in enumerate(lengths.tolist()):
            alone = loaded(x[i:i + 1, :n], lengths[i:i + 1])
            assert torch.allclose(alone, expected[i:i + 1], atol=1e-5), f"{case}: row {i} alone"
        # Four sequences of different lengths, padded further than the golden input.
        if input_kind == "text":
            four = torch.zeros(4, 10, dtype=torch.long)
            four[:, :x.shape[1]] = x
            four_lengths = lengths
        else:
            four = torch.cat([x, x], dim=0)
            four_lengths = torch.tensor([28, 10, 3, 28])
        out = loaded(four, four_lengths)
        assert out.shape == (4, 5), f"{case}: shape {tuple(out.shape)}"
        if input_kind == "text":
            assert torch.allclose(out, expected, atol=1e-5), f"{case}: extra padding changed logits"
        else:
            short = loaded(four[1:2, :10], four_lengths[1:2])
            assert torch.allclose(out[1:2], short, atol=1e-5), f"{case}: length 10 row"


if __name__ == "__main__":
    golden_module = load_golden_module()
    for name in CASES:
        export(name, golden_module)
