#!/usr/bin/env python3
"""Export a PyTorch sequence classifier for rnn-serving: model.json + weights.npz, or model.json + model.pt.

Needs PyTorch and NumPy only (tested with Debian's python3-torch 1.13). Import the result with

    curl -X POST http://localhost:8080/models -H "Authorization: Bearer $TOKEN" \
         -F manifest=@out/model.json -F weights=@out/weights.npz        # or -F torchscript=@out/model.pt

From Python, at the end of a training script:

    import sys; sys.path.insert(0, "tools")
    from export_for_rnn_serving import export_npz, export_torchscript, image_rows, text

    # weights only: the service runs its own RNN/LSTM/GRU with these weights (exact to PyTorch)
    export_npz(model, "out", name="fashion-rows", labels=CLASSES, input=image_rows(), summary="last")
    # the module itself, traced (forward(x)) or scripted
    export_torchscript(model, "out", name="fashion-rows-ts", labels=CLASSES, input=image_rows(),
                       example=torch.rand(2, 28, 28), outputs="logits")

From the command line, for a module whose weights were saved with torch.save(model.state_dict(), path):

    python3 tools/export_for_rnn_serving.py --model my_net.py:Net --init '{"hidden": 128}' \
        --state-dict net.pt --labels labels.txt --input image-rows --summary last --out out/

What the service feeds the model:
- image-rows: float32 (batch, 28, 28) in [0, 1] (pixel / 255), row t is step t. A model trained on
  normalised pixels (transforms.Normalize) sees other numbers here: train on [0, 1] inputs.
- text: int64 token ids (batch, steps), right-padded with 0; id 0 must be "<pad>" and id 1
  "<unk>" in your vocabulary (the list whose position is the id).

The .npz export recognises the model's parts: exactly one nn.RNN (tanh), nn.LSTM (no proj_size)
or nn.GRU, for text one nn.Embedding, and the nn.Linear head reading the recurrent output
(in_features = hidden × directions, out_features = number of labels). Any other parameter (an
MLP head, a layer norm) cannot be carried by weights alone: export the module with
export_torchscript instead. summary says how your forward pools the recurrent outputs:
"last" (h_n: the final hidden state, both directions), "last-output" (out[:, -1], the output at
the last step), "mean" or "max" over the steps.
"""
import argparse
import importlib
import importlib.util
import json
import os
import sys

import numpy as np
import torch
from torch import nn

SUMMARIES = ("last", "last-output", "mean", "max")
OUTPUTS = ("logits", "log-probabilities", "probabilities")
RECURRENT = {nn.LSTM: "lstm", nn.GRU: "gru", nn.RNN: "rnn"}


class ExportError(ValueError):
    """The model cannot be exported the way asked: the message says why and what to do."""


def image_rows(rows=28, columns=28):
    """The input spec of 28×28 grayscale images read row by row."""
    return {"kind": "image-rows", "rows": rows, "columns": columns}


def text(vocabulary, tokens="characters", normalization="NFKC", lower_case=False, max_length=100):
    """The input spec of text: vocabulary[i] is the token of id i; ids 0 and 1 are <pad> and <unk>."""
    vocabulary = list(vocabulary)
    if vocabulary[:2] != ["<pad>", "<unk>"]:
        raise ExportError('the vocabulary must start with "<pad>" (id 0) and "<unk>" (id 1), got %r'
                          % vocabulary[:2])
    if len(set(vocabulary)) != len(vocabulary):
        raise ExportError("the vocabulary holds a token twice")
    if tokens not in ("characters", "words"):
        raise ExportError('tokens must be "characters" or "words"')
    return {"kind": "text", "tokens": tokens, "normalization": normalization,
            "lowerCase": bool(lower_case), "maxLength": int(max_length), "vocabulary": vocabulary}


def _only(model, kinds, role):
    found = [(name, module) for name, module in model.named_modules() if isinstance(module, kinds)]
    if len(found) != 1:
        names = ", ".join(name or "(the model itself)" for name, _ in found) or "none"
        raise ExportError("the model needs exactly one %s, found %s" % (role, names))
    return found[0]


def _recurrent(model):
    name, rnn = _only(model, tuple(RECURRENT), "nn.RNN, nn.LSTM or nn.GRU")
    cell = RECURRENT[type(rnn)]
    if cell == "rnn" and rnn.nonlinearity != "tanh":
        raise ExportError("%s is an nn.RNN with nonlinearity=%r: the service's RNN cell is tanh"
                          % (name, rnn.nonlinearity))
    if cell == "lstm" and getattr(rnn, "proj_size", 0):
        raise ExportError("%s is an LSTM with proj_size: not supported by the service's LSTM" % name)
    return name, rnn, cell


def _head(model, width, classes):
    heads = [(name, module) for name, module in model.named_modules()
             if isinstance(module, nn.Linear) and module.in_features == width
             and module.out_features == classes]
    if len(heads) != 1:
        raise ExportError("the model needs exactly one nn.Linear(%d, %d) reading the recurrent output, found %s"
                          % (width, classes, ", ".join(name for name, _ in heads) or "none"))
    return heads[0]


def _array(tensor):
    return tensor.detach().cpu().float().numpy()


def _write_json(path, document):
    with open(path, "w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False, indent=2)
        out.write("\n")


def _service_logits(arrays, cell, rnn, input, x):
    """What the service computes from the exported arrays, for every summary: PyTorch's own cells."""
    with torch.no_grad():
        twin = type(rnn)(rnn.input_size, rnn.hidden_size, num_layers=rnn.num_layers,
                         bidirectional=rnn.bidirectional, batch_first=True)
        twin.load_state_dict({key[4:]: torch.from_numpy(value) for key, value in arrays.items()
                              if key.startswith("rnn.")})
        steps = x
        if input["kind"] == "text":
            steps = torch.from_numpy(arrays["embedding.weight"])[x]
        out, state = twin(steps.float())
        h_n = state[0] if cell == "lstm" else state
        last = torch.cat((h_n[-2], h_n[-1]), 1) if rnn.bidirectional else h_n[-1]
        pooled = {"last": last, "last-output": out[:, -1], "mean": out.mean(1), "max": out.max(1).values}
        weight, bias = torch.from_numpy(arrays["fc.weight"]), torch.from_numpy(arrays["fc.bias"])
        return {summary: vector @ weight.T + bias for summary, vector in pooled.items()}


def _check(model, arrays, cell, rnn, input, summary, example):
    """Runs the user's forward on example and the service's computation for each summary."""
    model = model.eval()
    with torch.no_grad():
        try:
            answer = model(example)
        except Exception as e:  # a forward with other arguments: nothing to compare with
            raise ExportError("forward(example) failed (%s): pass check=False to export unchecked" % e)
        if isinstance(answer, tuple):
            answer = answer[0]
        theirs = torch.log_softmax(answer.float(), 1)
        matching = [name for name, logits in _service_logits(arrays, cell, rnn, input, example).items()
                    if torch.allclose(torch.log_softmax(logits, 1), theirs, atol=1e-4)]
    if summary not in matching:
        hint = ("summary %r gives the same answers" % matching[0]) if matching else \
            "no summary reproduces forward: it does more than RNN -> pool -> Linear; use export_torchscript"
        raise ExportError("forward does not pool the outputs as summary %r says: %s" % (summary, hint))


def export_npz(model, out_dir, name, labels, input, summary, note=None, example=None, check=True):
    """Writes out_dir/model.json and out_dir/weights.npz; returns their paths.

    With check (the default), runs forward on example (random inputs when None) and makes sure the
    service's computation from the written arrays gives the same log-probabilities (1e-4), so a
    wrong summary or a forward that does more than RNN -> pool -> Linear is caught here.
    """
    if summary not in SUMMARIES:
        raise ExportError("summary must be one of %s" % ", ".join(SUMMARIES))
    labels = [str(label) for label in labels]
    rnn_name, rnn, cell = _recurrent(model)
    directions = 2 if rnn.bidirectional else 1
    head_name, head = _head(model, rnn.hidden_size * directions, len(labels))
    arrays = {}
    used = set()

    def take(prefix, module, service_prefix):
        for key, tensor in module.state_dict().items():
            arrays[service_prefix + key] = _array(tensor)
            used.add(prefix + "." + key if prefix else key)

    take(rnn_name, rnn, "rnn.")
    if not rnn.bias:  # the service's cells always add biases: zeros are the same model
        for layer in range(rnn.num_layers):
            for suffix in ([""] + (["_reverse"] if rnn.bidirectional else [])):
                rows = getattr(rnn, "weight_ih_l%d%s" % (layer, suffix)).shape[0]
                for kind in ("ih", "hh"):
                    arrays["rnn.bias_%s_l%d%s" % (kind, layer, suffix)] = np.zeros(rows, np.float32)
    take(head_name, head, "fc.")
    if head.bias is None:
        arrays["fc.bias"] = np.zeros(len(labels), np.float32)
    if input["kind"] == "text":
        embedding_name, embedding = _only(model, nn.Embedding, "nn.Embedding (text models)")
        if embedding.num_embeddings != len(input["vocabulary"]):
            raise ExportError("%s has %d rows but the vocabulary %d tokens"
                              % (embedding_name, embedding.num_embeddings, len(input["vocabulary"])))
        take(embedding_name, embedding, "embedding.")
        input_size, vocabulary_size = embedding.embedding_dim, embedding.num_embeddings
    else:
        input_size, vocabulary_size = input["columns"], 0
    if rnn.input_size != input_size:
        raise ExportError("%s reads %d features per step but the input gives %d"
                          % (rnn_name, rnn.input_size, input_size))
    left = [key for key in model.state_dict() if key not in used]
    if left:
        raise ExportError("parameters outside the recurrent layer, the embedding and the head: %s; "
                          "weights alone cannot carry them, use export_torchscript" % ", ".join(left))
    if check:
        if example is None:
            generator = torch.Generator().manual_seed(0)
            example = (torch.randint(2, vocabulary_size, (3, 7), generator=generator) if input["kind"] == "text"
                       else torch.rand(3, input["rows"], input["columns"], generator=generator))
        _check(model, arrays, cell, rnn, input, summary, example)

    os.makedirs(out_dir, exist_ok=True)
    manifest = {
        "name": name,
        "input": input,
        "architecture": {
            "inputKind": input["kind"], "cell": cell, "layers": rnn.num_layers,
            "hiddenSize": rnn.hidden_size, "bidirectional": bool(rnn.bidirectional),
            "dropout": float(rnn.dropout), "summary": summary, "inputSize": input_size,
            "vocabularySize": vocabulary_size, "classes": len(labels),
        },
        "labels": labels,
        "training": {"note": note or "exported by tools/export_for_rnn_serving.py from %s"
                     % type(model).__name__},
    }
    manifest_path = os.path.join(out_dir, "model.json")
    weights_path = os.path.join(out_dir, "weights.npz")
    _write_json(manifest_path, manifest)
    np.savez(weights_path, **arrays)
    return manifest_path, weights_path


def export_torchscript(model, out_dir, name, labels, input, example=None, outputs="logits",
                       method="trace", note=None):
    """Writes out_dir/model.json and out_dir/model.pt; returns their paths.

    method "trace" records forward(x) on example (the batch size must not be baked in: the service
    probes batches of 1, 2 and 3 and serves one at a time otherwise); "script" keeps
    forward(x) or forward(x, lengths) as written.
    """
    if outputs not in OUTPUTS:
        raise ExportError("outputs must be one of %s" % ", ".join(OUTPUTS))
    model = model.eval()
    if method == "trace":
        if example is None:
            raise ExportError("tracing needs an example input, e.g. torch.rand(2, 28, 28)")
        with torch.no_grad():
            module = torch.jit.trace(model, example)
    elif method == "script":
        module = torch.jit.script(model)
    else:
        raise ExportError('method must be "trace" or "script"')
    os.makedirs(out_dir, exist_ok=True)
    manifest = {
        "name": name, "input": input, "labels": [str(label) for label in labels], "outputs": outputs,
        "training": {"note": note or "exported by tools/export_for_rnn_serving.py from %s (torch.jit.%s)"
                     % (type(model).__name__, method)},
    }
    manifest_path = os.path.join(out_dir, "model.json")
    module_path = os.path.join(out_dir, "model.pt")
    _write_json(manifest_path, manifest)
    module.save(module_path)
    return manifest_path, module_path


def _load_class(spec):
    where, _, class_name = spec.rpartition(":")
    if not where or not class_name:
        raise ExportError("--model is FILE.py:Class or package.module:Class")
    if where.endswith(".py"):
        loader = importlib.util.spec_from_file_location("exported_model", where)
        module = importlib.util.module_from_spec(loader)
        sys.modules["exported_model"] = module
        loader.loader.exec_module(module)
    else:
        module = importlib.import_module(where)
    return getattr(module, class_name)


def _lines(value):
    if os.path.isfile(value):
        with open(value, encoding="utf-8") as lines:
            return [line.rstrip("\n") for line in lines if line.rstrip("\n")]
    return [part.strip() for part in value.split(",") if part.strip()]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="FILE.py:Class or package.module:Class")
    parser.add_argument("--init", default="{}", help="JSON keyword arguments of the class")
    parser.add_argument("--state-dict", required=True, help="torch.save(model.state_dict(), path)")
    parser.add_argument("--name", required=True)
    parser.add_argument("--labels", required=True, help="a file, one label per line, or a,b,c")
    parser.add_argument("--input", required=True, choices=("image-rows", "text"))
    parser.add_argument("--vocabulary", help="text: a file, one token per line (line i = id i)")
    parser.add_argument("--tokens", default="characters", choices=("characters", "words"))
    parser.add_argument("--normalization", default="NFKC")
    parser.add_argument("--lower-case", action="store_true")
    parser.add_argument("--max-length", type=int, default=100)
    parser.add_argument("--format", default="npz", choices=("npz", "torchscript"))
    parser.add_argument("--summary", choices=SUMMARIES, help="npz: how forward pools the outputs")
    parser.add_argument("--outputs", default="logits", choices=OUTPUTS, help="torchscript: what forward returns")
    parser.add_argument("--method", default="trace", choices=("trace", "script"))
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    try:
        model = _load_class(args.model)(**json.loads(args.init))
        model.load_state_dict(torch.load(args.state_dict, map_location="cpu"))
        model.eval()
        labels = _lines(args.labels)
        if args.input == "text":
            if not args.vocabulary:
                raise ExportError("--input text needs --vocabulary")
            with open(args.vocabulary, encoding="utf-8") as lines:
                vocabulary = [line.rstrip("\n") for line in lines]
            spec = text(vocabulary, args.tokens, args.normalization, args.lower_case, args.max_length)
            example = torch.ones(2, 5, dtype=torch.long)
        else:
            spec = image_rows()
            example = torch.rand(2, 28, 28)
        if args.format == "npz":
            if not args.summary:
                raise ExportError("--format npz needs --summary (" + ", ".join(SUMMARIES) + ")")
            paths = export_npz(model, args.out, args.name, labels, spec, args.summary)
            part = "weights"
        else:
            paths = export_torchscript(model, args.out, args.name, labels, spec, example, args.outputs, args.method)
            part = "torchscript"
    except ExportError as e:
        print("export_for_rnn_serving: " + str(e), file=sys.stderr)
        return 2
    print("wrote %s and %s; import with:" % paths)
    print('  curl -X POST http://localhost:8080/models -H "Authorization: Bearer $TOKEN" '
          "-F manifest=@%s -F %s=@%s" % (paths[0], part, paths[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
