"""Exports the traced modules users actually have, for TorchScriptContractsTest.

Each is saved with torch.jit.trace(model, example), so its forward takes x alone: float32 images
(B, 28, 28) in [0, 1], or int64 token ids (B, T) with no padding. Random weights from a fixed
seed. The JSON holds the inputs (images as 0-255 integers, texts over the golden alphabet) and,
per module, PyTorch's probabilities for each input run alone, the reference the service must
match whatever it batches an input with.

- rows-lstm-x: row LSTM, logits, any batch size (x.size(0) traces as an operation)
- rows-lstm-fixed1 / rows-lstm-fixed3: the same network whose initial state comes from
  init_hidden(len(x)); len() becomes a constant when traced, so the module only runs at the
  example's batch size: 1 (served one input a pass) or 3 (answers one image with three rows:
  refused)
- rows-gru-logsoftmax / rows-gru-softmax: forward(x) returns log_softmax / softmax
- text-gru-x: embedding and GRU over token ids; it cannot know where padding would start, so
  the service batches only texts of one length
- rows-flat-lengths: forward(x, lengths) that flattens all 28 rows: a shorter image (explain's
  prefixes) fails alone, so it is refused

Run with Debian's torch (1.13): /usr/bin/python3 make_traced_contracts.py
"""
import json
import os

import torch
from torch import Tensor, nn

HERE = os.path.dirname(os.path.abspath(__file__))
HIDDEN = 16
LABELS = ["a", "b", "c", "d", "e"]
# the golden text models' vocabulary: 0 padding, 1 unknown, then one character each
ALPHABET = "abcdefghijklmnopqrstuvwxyzAB"
TEXTS = ["abc", "zyx", "hello", "Ab", "world", "q", "mnop", "aBc"]
IMAGES = 6


class RowsLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(28, HIDDEN, batch_first=True)
        self.fc = nn.Linear(HIDDEN, len(LABELS))

    def forward(self, x: Tensor) -> Tensor:
        out, _ = self.rnn(x)
        return self.fc(out[:, -1])


class RowsLstmInitHidden(RowsLstm):
    """The tutorial pattern: a fresh state per call, sized with len(x)."""

    def init_hidden(self, batch_size: int):
        return torch.zeros(1, batch_size, HIDDEN), torch.zeros(1, batch_size, HIDDEN)

    def forward(self, x: Tensor) -> Tensor:
        out, _ = self.rnn(x, self.init_hidden(len(x)))
        return self.fc(out[:, -1])


class RowsGru(nn.Module):
    def __init__(self, head):
        super().__init__()
        self.rnn = nn.GRU(28, HIDDEN, batch_first=True)
        self.fc = nn.Linear(HIDDEN, len(LABELS))
        self.head = head

    def forward(self, x: Tensor) -> Tensor:
        _, h_n = self.rnn(x)
        return self.head(self.fc(h_n[-1]))


class TextGru(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(ALPHABET) + 2, 8)
        self.rnn = nn.GRU(8, HIDDEN, batch_first=True)
        self.fc = nn.Linear(HIDDEN, len(LABELS))

    def forward(self, x: Tensor) -> Tensor:
        _, h_n = self.rnn(self.embedding(x))
        return self.fc(h_n[-1])


class FlatRows(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(28 * 28, len(LABELS))

    def forward(self, x: Tensor, lengths: Tensor) -> Tensor:
        return self.fc(x.reshape(x.size(0), 28 * 28))


def ids(text):
    return [ALPHABET.index(c) + 2 for c in text]


def probabilities(module, inputs, to_probabilities):
    """Each input alone, as a batch of one: the answer whatever it is batched with."""
    rows = []
    with torch.no_grad():
        for x in inputs:
            rows.append(to_probabilities(module(x.unsqueeze(0)))[0].tolist())
    return rows


def save(name, module, example):
    traced = torch.jit.trace(module, example, check_trace=False)
    path = os.path.join(HERE, name + ".pt")
    traced.save(path)
    print(f"{name}: {os.path.getsize(path)} bytes")
    return torch.jit.load(path)


def main():
    torch.manual_seed(15)
    pixels = torch.randint(0, 256, (IMAGES, 28, 28))
    images = pixels.float() / 255
    tokens = [torch.tensor(ids(t), dtype=torch.long) for t in TEXTS]
    softmax = lambda out: torch.softmax(out, 1)
    as_is = lambda out: out
    exp = lambda out: torch.exp(out)

    lstm = RowsLstm().eval()
    fixed = RowsLstmInitHidden().eval()
    fixed.load_state_dict(lstm.state_dict())
    log_gru = RowsGru(nn.LogSoftmax(dim=1)).eval()
    soft_gru = RowsGru(nn.Softmax(dim=1)).eval()
    soft_gru.load_state_dict(log_gru.state_dict())
    text = TextGru().eval()

    modules = {}
    loaded = save("rows-lstm-x", lstm, images[:2])
    modules["rows-lstm-x"] = ("images", "logits", "any", probabilities(loaded, images, softmax))
    loaded = save("rows-lstm-fixed1", fixed, images[:1])
    with torch.no_grad():
        try:
            loaded(images[:2])
            raise AssertionError("rows-lstm-fixed1 must fail at batch 2")
        except RuntimeError:
            pass
    modules["rows-lstm-fixed1"] = ("images", "logits", "one", probabilities(loaded, images, softmax))
    loaded = save("rows-lstm-fixed3", fixed, images[:3])
    with torch.no_grad():
        # the baked state broadcasts over a single image: three answers for one input
        assert loaded(images[:1]).shape == (3, len(LABELS)), "rows-lstm-fixed3 alone"
    loaded = save("rows-gru-logsoftmax", log_gru, images[:2])
    modules["rows-gru-logsoftmax"] = ("images", "log-probabilities", "any", probabilities(loaded, images, exp))
    loaded = save("rows-gru-softmax", soft_gru, images[:2])
    modules["rows-gru-softmax"] = ("images", "probabilities", "any", probabilities(loaded, images, as_is))
    loaded = save("text-gru-x", text, tokens[0].unsqueeze(0))
    modules["text-gru-x"] = ("texts", "logits", "any", probabilities(loaded, tokens, softmax))

    save("rows-flat-lengths", FlatRows().eval(), (images[:2], torch.tensor([28, 28])))

    # the same answers batched, where the module allows it: what the service relies on
    with torch.no_grad():
        batched = torch.softmax(torch.jit.load(os.path.join(HERE, "rows-lstm-x.pt"))(images), 1)
        assert torch.allclose(batched, torch.tensor(modules["rows-lstm-x"][3]), atol=1e-6)

    fixture = {
        "labels": LABELS,
        "alphabet": ALPHABET,
        "images": pixels.tolist(),
        "texts": TEXTS,
        "modules": {
            name: {"inputs": inputs, "outputs": outputs, "batch": batch, "probabilities": rows}
            for name, (inputs, outputs, batch, rows) in modules.items()
        },
    }
    with open(os.path.join(HERE, "traced-contracts.json"), "w") as f:
        json.dump(fixture, f)


if __name__ == "__main__":
    main()
