"""Writes the fixture of TutorialRnnImportTest: the character RNN of PyTorch's classic tutorial
(https://pytorch.org/tutorials/intermediate/char_rnn_classification_tutorial.html, the version
before 2024), trained briefly on the names data, and what it answers for a few names.

The RNN, the letters and unicodeToAscii are the tutorial's, unchanged; hidden 32, the 18
languages of names/*.txt in sorted file-name order (the order the service's names dataset gives
its labels). Training is the tutorial's own loop (one name at a time, NLLLoss, plain SGD at
0.005) for 20,000 steps with fixed seeds: a few seconds, enough that the answers differ
from name to name. Writes tutorial-rnn.npz (np.savez of the state_dict, the tutorial's parameter
names) and tutorial-rnn.json: per name the letters the tutorial keeps, the log-probabilities after
the last letter and, for three names, the log-probabilities after each letter.

Run with Debian's torch (1.13): /usr/bin/python3 make_tutorial_rnn.py [names-dir]
"""
import glob
import json
import os
import random
import string
import sys
import unicodedata

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/names"
HIDDEN = 32
STEPS = 20000
# per-letter outputs, for the explain test, only for these: the file stays small
EXPLAINED = {"Nguyễn", "O'Brien", "Van der Berg"}

all_letters = string.ascii_letters + " .,;'"
n_letters = len(all_letters)


def unicodeToAscii(s):
    return ''.join(c for c in unicodedata.normalize('NFD', s)
                   if unicodedata.category(c) != 'Mn' and c in all_letters)


def letterToIndex(letter):
    return all_letters.find(letter)


def lineToTensor(line):
    tensor = torch.zeros(len(line), 1, n_letters)
    for li, letter in enumerate(line):
        tensor[li][0][letterToIndex(letter)] = 1
    return tensor


class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.i2o = nn.Linear(input_size + hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        hidden = self.i2h(combined)
        output = self.i2o(combined)
        output = self.softmax(output)
        return output, hidden

    def initHidden(self):
        return torch.zeros(1, self.hidden_size)


def evaluate(rnn, line_tensor):
    """The tutorial's evaluate, keeping the output after every letter."""
    hidden = rnn.initHidden()
    outputs = []
    for i in range(line_tensor.size()[0]):
        output, hidden = rnn(line_tensor[i], hidden)
        outputs.append(output[0].tolist())
    return outputs


def main():
    torch.manual_seed(15)
    random.seed(15)
    files = sorted(glob.glob(os.path.join(NAMES, "*.txt")))
    categories = [os.path.splitext(os.path.basename(f))[0] for f in files]
    lines = {}
    for f, category in zip(files, categories):
        with open(f, encoding="utf-8") as text:
            lines[category] = [unicodeToAscii(line.strip()) for line in text]
            lines[category] = [line for line in lines[category] if line]

    rnn = RNN(n_letters, HIDDEN, len(categories))
    criterion = nn.NLLLoss()
    learning_rate = 0.005
    for _ in range(STEPS):
        category = random.choice(categories)
        line = random.choice(lines[category])
        category_tensor = torch.tensor([categories.index(category)], dtype=torch.long)
        hidden = rnn.initHidden()
        rnn.zero_grad()
        line_tensor = lineToTensor(line)
        for i in range(line_tensor.size()[0]):
            output, hidden = rnn(line_tensor[i], hidden)
        criterion(output, category_tensor).backward()
        for p in rnn.parameters():
            p.data.add_(p.grad.data, alpha=-learning_rate)

    rnn.eval()
    np.savez(os.path.join(HERE, "tutorial-rnn.npz"),
             **{k: v.numpy() for k, v in rnn.state_dict().items()})
    names = ["Nakamura", "Schmidt", "Dubois", "Kowalski", "Ivanov", "O'Brien", "MacDonald",
             "Rossi", "Papadopoulos", "Kim", "Zhang", "Van der Berg", "Novak", "Silva",
             "García", "Émile", "Şahin", "Nguyễn", "Müller", "Straße-Øst 2", "João", "Ng"]
    cases = []
    with torch.no_grad():
        for name in names:
            letters = unicodeToAscii(name)
            steps = evaluate(rnn, lineToTensor(letters))
            case = {"text": name, "letters": letters, "logProbabilities": steps[-1]}
            if name in EXPLAINED:
                case["steps"] = steps
            cases.append(case)
    with open(os.path.join(HERE, "tutorial-rnn.json"), "w") as out:
        json.dump({"labels": categories, "hiddenSize": HIDDEN, "torch": torch.__version__,
                   "cases": cases}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
