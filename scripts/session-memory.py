#!/usr/bin/env python3
"""Heap held per streaming session, measured on a running service.

Opens N sessions on a model, feeds each one piece, and compares the JVM's class histogram
(jcmd GC.class_histogram, which runs a full GC first) before and after: the difference, by
class, over N is what one open session keeps. Needs jcmd (the JDK) and the service's pid.

  python3 scripts/session-memory.py --pid <pid> --url http://localhost:8080 --model names-stream --sessions 2000
"""
import argparse
import json
import subprocess
import urllib.request


def histogram(pid):
    out = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True, text=True, check=True).stdout
    classes = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0].endswith(":"):
            classes[parts[3]] = (int(parts[1]), int(parts[2]))
    return classes


def post(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", required=True)
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--model", default="names-stream")
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--piece", default=None, help="text of each session's one step (text models)")
    args = parser.parse_args()

    first = post(args.url + "/sessions", {"model": args.model})
    step = {"text": args.piece or "Naka"} if args.piece or "mnist" not in args.model else {"rows": [[0] * 28] * 4}
    post(args.url + "/sessions/" + first["id"] + "/steps", step)  # every class loaded before the first count
    before = histogram(args.pid)
    for _ in range(args.sessions):
        session = post(args.url + "/sessions", {"model": args.model})
        post(args.url + "/sessions/" + session["id"] + "/steps", step)
    after = histogram(args.pid)

    rows = []
    for name, (count, size) in after.items():
        was_count, was_size = before.get(name, (0, 0))
        if size - was_size > 0:
            rows.append((size - was_size, count - was_count, name))
    rows.sort(reverse=True)
    total = sum(r[0] for r in rows)
    print(f"model {args.model}: {args.sessions} sessions opened and stepped once")
    print(f"heap growth after full GC: {total} bytes, {total / args.sessions:.0f} bytes per session")
    print("| class | instances per session | bytes per session |")
    print("|---|---:|---:|")
    for size, count, name in rows[:8]:
        print(f"| `{name}` | {count / args.sessions:.2f} | {size / args.sessions:.0f} |")


if __name__ == "__main__":
    main()
