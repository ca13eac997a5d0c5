#!/usr/bin/env python3
"""Streaming load: the answer after every character of many names, two ways.

  session: POST /sessions, then one POST /sessions/{id}/steps per character (the state stays on
           the server, each step reads one character);
  resend:  one POST /classify per character with the whole text so far (what a client does
           without sessions: a name of L characters costs L(L+1)/2 recurrent steps).

Both give the same answers (SessionsEndToEndTest holds them to 1e-5). Prints answers/s, latency
percentiles, the ratio of the two, and the serving engine's mean batch size for the model from
/actuator/prometheus (session steps of different clients share forward passes).

  python3 scripts/session-load.py --url http://localhost:8080 --model names-stream --clients 8 --names 400
"""
import argparse
import json
import os
import random
import threading
import time
import urllib.request


def post(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def names(data_dir, count, length):
    """count texts: names as they are, or (length > 0) names joined by spaces and cut at length."""
    folder = os.path.join(data_dir, "names")
    everything = []
    for file in sorted(os.listdir(folder)):
        if file.endswith(".txt"):
            with open(os.path.join(folder, file), encoding="utf-8") as lines:
                everything += [line.strip() for line in lines if line.strip()]
    random.Random(42).shuffle(everything)
    if length <= 0:
        return everything[:count]
    texts, source = [], iter(everything)
    for _ in range(count):
        text = next(source)
        while len(text) < length:
            text += " " + next(source)
        texts.append(text[:length].strip())
    return texts


def batch_sizes(url, model):
    total = count = 0.0
    with urllib.request.urlopen(url + "/actuator/prometheus") as response:
        for line in response.read().decode().splitlines():
            if f'model="{model}"' in line:
                if line.startswith("rnn_serving_batch_size_sum"):
                    total = float(line.split()[-1])
                elif line.startswith("rnn_serving_batch_size_count"):
                    count = float(line.split()[-1])
    return total, count


def run(mode, url, model, work, clients):
    latencies = []
    lock = threading.Lock()
    queue = list(work)

    def client():
        mine = []
        while True:
            with lock:
                if not queue:
                    break
                name = queue.pop()
            if mode == "session":
                session = post(url + "/sessions", {"model": model})["id"]
                for character in name:
                    started = time.perf_counter()
                    post(url + f"/sessions/{session}/steps", {"text": character, "topK": 1})
                    mine.append(time.perf_counter() - started)
                urllib.request.urlopen(urllib.request.Request(url + f"/sessions/{session}", method="DELETE"))
            else:
                for end in range(1, len(name) + 1):
                    started = time.perf_counter()
                    post(url + "/classify", {"model": model, "text": name[:end], "topK": 1})
                    mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    sum_before, count_before = batch_sizes(url, model)
    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    sum_after, count_after = batch_sizes(url, model)
    latencies.sort()
    batches = count_after - count_before
    return {
        "answers": len(latencies),
        "seconds": elapsed,
        "answers_per_s": len(latencies) / elapsed,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)],
        "mean_batch": (sum_after - sum_before) / batches if batches else 0,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--model", default="names-stream")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--names", type=int, default=400)
    parser.add_argument("--length", type=int, default=0, help="0: single names; else texts of this many characters")
    parser.add_argument("--data-dir", default="../shared/data")
    args = parser.parse_args()
    work = names(args.data_dir, args.names, args.length)
    characters = sum(len(n) for n in work)
    print(f"{len(work)} names, {characters} characters, {args.clients} clients, model {args.model}")
    run("session", args.url, args.model, work[:20], args.clients)  # warm-up, not reported
    results = {mode: run(mode, args.url, args.model, work, args.clients) for mode in ("session", "resend")}
    print("| way | answers | answers/s | p50 ms | p99 ms | mean batch |")
    print("|---|---:|---:|---:|---:|---:|")
    for mode, r in results.items():
        print(f"| {mode} | {r['answers']} | {r['answers_per_s']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f}"
              f" | {r['mean_batch']:.2f} |")
    ratio = results["session"]["answers_per_s"] / results["resend"]["answers_per_s"]
    print(f"session / resend throughput: {ratio:.2f}×")


if __name__ == "__main__":
    main()
