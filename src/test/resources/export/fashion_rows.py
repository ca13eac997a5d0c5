"""A user's model file, as the exporter's --model FILE.py:Class loads it: the issue's row-LSTM
(self.lstm, self.fc, the head on the last hidden state)."""
from torch import nn


class FashionRows(nn.Module):
    def __init__(self, hidden=32):
        super().__init__()
        self.lstm = nn.LSTM(28, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, 10)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.fc(h[-1])
