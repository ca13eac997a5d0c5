"""Models written the way PyTorch users write them, exported with tools/export_for_rnn_serving.py.

Run by PyTorchExportTest with Debian's torch: /usr/bin/python3 user_models.py TOOLS_DIR OUT_DIR FASHION_DIR
Writes OUT_DIR/<case>/{model.json, weights.npz | model.pt} and OUT_DIR/expected.json: the inputs
and the probabilities PyTorch gives for them, one input at a time.
"""
import gzip
import json
import os
import subprocess
import sys

import numpy as np
import torch
from torch import nn

tools, out, fashion = sys.argv[1:4]
sys.path.insert(0, tools)
from export_for_rnn_serving import ExportError, export_npz, export_torchscript, image_rows, text  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_rows import FashionRows  # noqa: E402

torch.manual_seed(7)
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
           "Ankle boot"]


def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


class Sentiment(nn.Module):
    """Text: its own module names, a bidirectional GRU and out[:, -1], log-probabilities out."""

    def __init__(self, vocabulary, hidden=12):
        super().__init__()
        self.emb = nn.Embedding(vocabulary, 8)
        self.gru = nn.GRU(8, hidden, num_layers=2, batch_first=True, bidirectional=True)
        self.classifier = nn.Linear(2 * hidden, 2)

    def forward(self, x):
        out, _ = self.gru(self.emb(x))
        return torch.log_softmax(self.classifier(out[:, -1]), 1)


images = idx(os.path.join(fashion, "t10k-images-idx3-ubyte.gz"))
labels = idx(os.path.join(fashion, "t10k-labels-idx1-ubyte.gz"))
train_x = torch.from_numpy(images[:600].astype(np.float32) / 255)
train_y = torch.from_numpy(labels[:600].astype(np.int64))
rows = FashionRows()
optimizer = torch.optim.Adam(rows.parameters(), lr=0.01)
for epoch in range(3):  # a little training, so that the answers are not all alike
    for start in range(0, 600, 50):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(rows(train_x[start:start + 50]), train_y[start:start + 50])
        loss.backward()
        optimizer.step()
rows.eval()

test_images = images[9000:9008]
vocabulary = ["<pad>", "<unk>"] + list("abcdefghijklmnopqrstuvwxyz !")
sentiment = Sentiment(len(vocabulary)).eval()
texts = ["good film", "a dull and tedious mess!", "wow", "not bad at all", "x"]


def ids(s):
    return [vocabulary.index(c) if c in vocabulary else 1 for c in s]


def probabilities(model, x, log=False):
    with torch.no_grad():
        answer = model(x)
    return (answer.exp() if log else torch.softmax(answer, 1))[0].tolist()


expected = {"images": test_images.tolist(), "texts": texts, "cases": {}}
image_answers = [probabilities(rows, torch.from_numpy(image[None].astype(np.float32) / 255))
                 for image in test_images]
text_answers = [probabilities(sentiment, torch.tensor([ids(s)]), log=True) for s in texts]

export_npz(rows, os.path.join(out, "rows-npz"), "fashion-rows", CLASSES, image_rows(), "last")
expected["cases"]["rows-npz"] = {"model": "fashion-rows", "part": "weights", "file": "weights.npz",
                                 "kind": "images", "probabilities": image_answers}
export_npz(sentiment, os.path.join(out, "text-npz"), "tiny-sentiment", ["negative", "positive"],
           text(vocabulary, max_length=40), "last-output")
expected["cases"]["text-npz"] = {"model": "tiny-sentiment", "part": "weights", "file": "weights.npz",
                                 "kind": "texts", "probabilities": text_answers}
export_torchscript(rows, os.path.join(out, "rows-traced"), "fashion-rows-traced", CLASSES, image_rows(),
                   example=torch.rand(2, 28, 28))
expected["cases"]["rows-traced"] = {"model": "fashion-rows-traced", "part": "torchscript", "file": "model.pt",
                                    "kind": "images", "probabilities": image_answers}

# the command line, on a state_dict saved the usual way and a module file
os.makedirs(os.path.join(out, "cli"), exist_ok=True)
torch.save(rows.state_dict(), os.path.join(out, "cli", "rows.pt"))
with open(os.path.join(out, "cli", "labels.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(CLASSES) + "\n")
subprocess.run([sys.executable, os.path.join(tools, "export_for_rnn_serving.py"),
                "--model", os.path.join(os.path.dirname(os.path.abspath(__file__)), "fashion_rows.py") + ":FashionRows",
                "--init", '{"hidden": 32}',
                "--state-dict", os.path.join(out, "cli", "rows.pt"), "--name", "fashion-rows-cli",
                "--labels", os.path.join(out, "cli", "labels.txt"), "--input", "image-rows",
                "--summary", "last", "--out", os.path.join(out, "rows-cli")], check=True,
               stdout=subprocess.DEVNULL)
expected["cases"]["rows-cli"] = {"model": "fashion-rows-cli", "part": "weights", "file": "weights.npz",
                                 "kind": "images", "probabilities": image_answers}

# what the tool refuses: a summary that is not what forward does, an extra layer in the head
refusals = {}
try:
    export_npz(rows, os.path.join(out, "refused"), "x", CLASSES, image_rows(), "mean")
except ExportError as e:
    refusals["wrong-summary"] = str(e)


class MlpHead(FashionRows):
    def __init__(self):
        super().__init__()
        self.extra = nn.Linear(10, 10)

    def forward(self, x):
        return self.extra(super().forward(x))


try:
    export_npz(MlpHead(), os.path.join(out, "refused"), "x", CLASSES, image_rows(), "last")
except ExportError as e:
    refusals["extra-layer"] = str(e)
expected["refusals"] = refusals

with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f)
