"""Exports small row-LSTM classifiers as TorchScript for TorchScriptLstmTest.

The shapes where oneDNN's AVX-512 LSTM kernel inside libtorch 2.7 went wrong (hidden 8, 16, 33)
and one where it did not (hidden 64), each traced (plain nn.LSTM over 28 rows, as a PyTorch user
exports it) and scripted (packed by length, the service's own contract). Random weights from a
fixed seed; the JSON holds 16 random 28x28 images as 0-255 integers and the logits PyTorch
computed for them, all 16 at once. PyTorch's CPU LSTM is its ATen kernel here (torch 1.13), the
reference the Java side must match at every batch size.

Run with Debian's torch (apt-get install python3-torch): python3 make_lstm_sweep.py
"""
import json
import os

import torch
from torch import Tensor, nn
from torch.nn.utils.rnn import pack_padded_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
HIDDEN_SIZES = [8, 16, 33, 64]
IMAGES = 16
CLASSES = 10


class TracedRows(nn.Module):
    """forward(x, lengths): every image has 28 rows, so lengths is accepted and not needed."""

    def __init__(self, hidden: int):
        super().__init__()
        self.rnn = nn.LSTM(28, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, CLASSES)

    def forward(self, x: Tensor, lengths: Tensor) -> Tensor:
        out, _ = self.rnn(x)
        return self.fc(out[:, -1])


class ScriptedRows(TracedRows):
    """The same weights read through a packed sequence, as a scripted export would."""

    def forward(self, x: Tensor, lengths: Tensor) -> Tensor:
        packed = pack_padded_sequence(x, lengths.to(device="cpu", dtype=torch.int64),
                                      batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.rnn(packed)
        return self.fc(h_n[-1])


def export(hidden: int):
    torch.manual_seed(hidden)
    traced_module = TracedRows(hidden).eval()
    scripted_module = ScriptedRows(hidden).eval()
    scripted_module.load_state_dict(traced_module.state_dict())
    pixels = torch.randint(0, 256, (IMAGES, 28, 28))
    x = pixels.float() / 255
    lengths = torch.full((IMAGES,), 28, dtype=torch.long)
    with torch.no_grad():
        logits = traced_module(x, lengths)
        traced = torch.jit.trace(traced_module, (x[:2], lengths[:2]))
        scripted = torch.jit.script(scripted_module)
        for module in (traced, scripted):
            for batch in (1, 3, IMAGES):
                got = module(x[:batch], lengths[:batch])
                assert torch.allclose(got, logits[:batch], atol=1e-6), f"hidden {hidden} batch {batch}"
    for kind, module in (("traced", traced), ("scripted", scripted)):
        module.save(os.path.join(HERE, f"lstm-h{hidden}-{kind}.pt"))
    fixture = {"hidden": hidden, "torch": torch.__version__, "pixels": pixels.tolist(),
               "logits": logits.tolist()}
    with open(os.path.join(HERE, f"lstm-h{hidden}.json"), "w") as f:
        json.dump(fixture, f)
    print(f"hidden {hidden}: traced and scripted")


if __name__ == "__main__":
    torch.set_num_threads(1)
    for size in HIDDEN_SIZES:
        export(size)
