"""Writes the PyTorch reference of LanguageModel: small character LMs, their state_dicts as .npz and
the logits PyTorch gives for fixed inputs. Run from this folder with Debian's python3-torch:
    python3 make_generator_golden.py
"""
import json

import numpy as np
import torch
from torch import nn


class CharLM(nn.Module):
    def __init__(self, cell, vocabulary, conditions, embedding, hidden, layers):
        super().__init__()
        self.conditions = conditions
        self.embedding = nn.Embedding(vocabulary, embedding)
        self.rnn = cell(embedding + conditions, hidden, layers, batch_first=True)
        self.fc = nn.Linear(hidden, vocabulary)

    def forward(self, ids, condition):
        x = self.embedding(ids)
        if self.conditions:
            one_hot = nn.functional.one_hot(condition, self.conditions).float()
            x = torch.cat([x, one_hot[:, None, :].expand(-1, ids.shape[1], -1)], 2)
        out, _ = self.rnn(x)
        return self.fc(out)


CASES = {
    "lm-lstm-l2-c3": (nn.LSTM, 3, 2),
    "lm-gru-l1-c0": (nn.GRU, 0, 1),
    "lm-rnn-l2-c2": (nn.RNN, 2, 2),
}
VOCABULARY, EMBEDDING, HIDDEN = 12, 5, 8

for name, (cell, conditions, layers) in CASES.items():
    torch.manual_seed(len(name))
    model = CharLM(cell, VOCABULARY, conditions, EMBEDDING, HIDDEN, layers).eval()
    np.savez(name + ".npz", **{k: v.detach().numpy() for k, v in model.state_dict().items()})
    ids = torch.tensor([[2, 5, 7, 3, 9, 4, 11], [2, 8, 8, 6, 3, 10, 5]])
    condition = torch.tensor([1, 0]) if conditions else torch.tensor([0, 0])
    with torch.no_grad():
        logits = model(ids, condition)
    json.dump({
        "cell": cell.__name__.lower(), "layers": layers, "conditions": conditions, "vocabulary": VOCABULARY,
        "embedding": EMBEDDING, "hidden": HIDDEN, "ids": ids.tolist(), "condition": condition.tolist(),
        "logits": logits.numpy().astype(float).tolist(),
        "torch": torch.__version__,
    }, open(name + ".json", "w"), indent=1)
    print("wrote", name)
