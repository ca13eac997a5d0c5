"""Weights saved the way PyTorch users save them, for the .npz import tests (NpzImportTest).

Each case is a module written as a user writes one (self.lstm / self.fc, self.emb / self.gru /
self.classifier, an nn.Sequential head), saved with
    np.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})
next to a JSON holding the minimal import manifest, the inputs as /classify takes them (pixel rows
0-255, or texts) and the probabilities PyTorch computed, so the Java tests need no Python.
Run with Debian's torch (1.13): /usr/bin/python3 make_pytorch_users.py
"""
import json
import os

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
FASHION = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
VOCABULARY = ["<pad>", "<unk>"] + [chr(c) for c in range(ord("a"), ord("z") + 1)]
IMAGE_INPUT = {"kind": "image-rows", "rows": 28, "columns": 28}
TEXT_INPUT = {"kind": "text", "tokens": "CHARACTERS", "normalization": "NFKC", "lowerCase": False,
              "maxLength": 100, "vocabulary": VOCABULARY}


class RowLstm(nn.Module):
    """Fashion-MNIST read row by row; the head reads the final hidden state."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(28, 16, batch_first=True)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        _, (h_n, _) = self.lstm(x)
        return self.fc(h_n[-1])


class TextBiGru(nn.Module):
    """Characters, a bidirectional GRU, and the head on out[:, -1] (no padding)."""

    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(len(VOCABULARY), 8)
        self.gru = nn.GRU(8, 12, batch_first=True, bidirectional=True)
        self.classifier = nn.Linear(24, 3)

    def forward(self, ids):
        out, _ = self.gru(self.emb(ids))
        return self.classifier(out[:, -1])


class TwoLayerGru(nn.Module):
    """Two bidirectional layers with dropout between them, a Sequential head on h_n of both directions."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.GRU(28, 10, num_layers=2, batch_first=True, bidirectional=True, dropout=0.3)
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(20, 4))

    def forward(self, x):
        _, h_n = self.encoder(x)
        return self.head(torch.cat([h_n[-2], h_n[-1]], dim=1))


def spread(linear):
    """Random heads give near-uniform probabilities; wider logits make the comparison sharper."""
    with torch.no_grad():
        linear.weight.mul_(6)


def save(name, model, manifest, inputs, probabilities):
    path = os.path.join(HERE, name + ".npz")
    np.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})
    fixture = {"manifest": manifest, "inputs": inputs, "probabilities": probabilities,
               "stateDict": {k: list(v.shape) for k, v in model.state_dict().items()}}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(fixture, f)
    print(f"{name}: {os.path.getsize(path)} bytes .npz, arrays {list(model.state_dict())}")


def images(count, generator):
    """Pixel rows 0-255 with a blob of ink, as /classify's "image" takes them."""
    pixels = torch.randint(0, 256, (count, 28, 28), generator=generator)
    pixels[:, :, :6] = 0
    return pixels


def image_case(name, model, labels, architecture, generator):
    pixels = images(4, generator)
    with torch.no_grad():
        probabilities = torch.softmax(model(pixels.float() / 255), dim=1)
    manifest = {"name": name, "input": IMAGE_INPUT, "labels": labels, "architecture": architecture}
    save(name, model, manifest, pixels.tolist(), probabilities.tolist())


def text_case(generator):
    model = TextBiGru().eval()
    spread(model.classifier)
    ids = lambda text: torch.tensor([[VOCABULARY.index(c) for c in text]])
    same_length = ["hello", "world", "pizza"]
    with torch.no_grad():
        batch = torch.softmax(model(torch.cat([ids(t) for t in same_length])), dim=1).tolist()
        # other lengths, each alone: out[:, -1] is then each text's own last character
        differing = ["a", "abc", "zebra", "mississippi"]
        alone = [torch.softmax(model(ids(t)), dim=1)[0].tolist() for t in differing]
    name = "text-bigru-out-last"
    manifest = {"name": name, "input": TEXT_INPUT, "labels": ["negative", "neutral", "positive"],
                "architecture": {"summary": "last-output"}}
    save(name, model, manifest, same_length + differing, batch + alone)


def main():
    torch.manual_seed(15)
    generator = torch.Generator().manual_seed(15)
    row_lstm = RowLstm().eval()
    spread(row_lstm.fc)
    image_case("fashion-row-lstm", row_lstm, FASHION, {"summary": "last"}, generator)
    text_case(generator)
    two_layers = TwoLayerGru().eval()
    spread(two_layers.head[1])
    image_case("image-gru-l2-bi", two_layers, ["w", "x", "y", "z"],
               {"summary": "last", "cell": "gru", "layers": 2, "bidirectional": True, "dropout": 0.3},
               generator)


if __name__ == "__main__":
    main()
