#!/usr/bin/env python3
"""Load-and-fault run against the packaged jar (docs/RELIABILITY.md).

Starts target/rnn-serving.jar with the Kubernetes manifest's JVM options on a copy of models/ and
a fresh state folder, then, with RSS sampled every 100 ms:
  1. image flood: 16 clients at once, each sending a 4000x4000 16-bit RGBA PNG (about 200 KB);
  2. explain abuse: 64 texts of 256 characters with "explain": true, 8 clients;
  3. imports and promotions while 8 clients classify: good .npz imports, a zip bomb, bad
     manifests, promotions back and forth;
  4. kill -9 in the middle of an import, then a restart: leftovers and the service's health.
Every request goes to 127.0.0.1 only; every loop is bounded in count and time.
Prints the measurements as JSON and exits 1 if the service died, answered anything but 2xx, 4xx or
503, took over 10 s for an answer, grew by over 1 GB of RSS in a phase, or left leftovers after the
restart. Usage: python3 scripts/load_and_fault.py [--jar target/rnn-serving.jar]
"""
import argparse
import base64
import io
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
TOKEN = "load-and-fault"
JVM = ["-Xmx2458m", "-XX:+ExitOnOutOfMemoryError", "-Dai.djl.pytorch.num_threads=2"]


def heavy_png():
    """4000x4000, 16-bit RGBA, opaque black with one white pixel in two opposite corners."""
    width = height = 4000
    black = b"\x00\x00\x00\x00\x00\x00\xff\xff" * width
    white = b"\xff\xff" * 4
    compressor = zlib.compressobj(9)
    chunks = []
    for y in range(height):
        row = bytearray(black)
        if y == 0:
            row[0:8] = white
        if y == height - 1:
            row[-8:] = white
        chunks.append(compressor.compress(b"\x00" + bytes(row)))
    chunks.append(compressor.flush())
    data = b"".join(chunks)

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", width, height, 16, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def npy(array_bytes, shape, dtype="<f4"):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        dtype, ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else ""))
    header = header.ljust(117) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + array_bytes


def zip_bomb():
    """A .npz whose one entry inflates to 1 GiB of zeros behind a valid .npy header."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("rnn.weight_ih_l0.npy", "w", force_zip64=True) as entry:
            entry.write(npy(b"", (65536, 4096))[:128])
            zeros = b"\x00" * (1 << 20)
            for _ in range(1024):
                entry.write(zeros)
    return out.getvalue()


class Service:
    def __init__(self, jar, models, state, log_path, extra=()):
        self.port = free_port()
        self.jar, self.models, self.state, self.log_path = jar, models, state, log_path
        self.extra = list(extra)
        self.process = None

    def start(self):
        log = open(self.log_path, "ab")
        env = dict(os.environ, RNN_ADMIN_TOKEN=TOKEN)
        self.process = subprocess.Popen(
            ["java", *JVM, "-Dai.djl.offline=true", "-jar", self.jar, f"--server.port={self.port}",
             f"--rnn.models-dir={self.models}", f"--rnn.state-dir={self.state}",
             f"--rnn.data-dir={os.path.join(SHARED, 'data')}", "--rnn.models-refresh=1s", *self.extra],
            stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"service exited with {self.process.returncode}; see {self.log_path}")
            try:
                if request(self, "GET", "/actuator/health/readiness", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise SystemExit("service not ready within 120 s")

    def rss_mb(self):
        try:
            with open(f"/proc/{self.process.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return 0.0
        return 0.0

    def alive(self):
        return self.process.poll() is None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(service, method, path, body=None, headers=None, timeout=60):
    url = f"http://127.0.0.1:{service.port}{path}"
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    started = time.time()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read(), time.time() - started
    except urllib.error.HTTPError as e:
        return e.code, e.read(), time.time() - started
    except OSError as e:
        return f"error: {type(e).__name__}", b"", time.time() - started


def post_json(service, path, payload, admin=False, timeout=60):
    headers = {"Content-Type": "application/json"}
    if admin:
        headers["Authorization"] = "Bearer " + TOKEN
    return request(service, "POST", path, json.dumps(payload).encode(), headers, timeout)


def multipart(service, path, parts, timeout=120):
    boundary = "----rnn" + os.urandom(8).hex()
    body = io.BytesIO()
    for name, (filename, content, ctype) in parts.items():
        body.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
                   f"Content-Type: {ctype}\r\n\r\n".encode())
        body.write(content)
        body.write(b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": "Bearer " + TOKEN}
    return request(service, "POST", path, body.getvalue(), headers, timeout)


class RssSampler(threading.Thread):
    def __init__(self, service):
        super().__init__(daemon=True)
        self.service, self.peak, self.stop_flag = service, 0.0, threading.Event()

    def run(self):
        while not self.stop_flag.is_set():
            self.peak = max(self.peak, self.service.rss_mb())
            time.sleep(0.1)

    def stop(self):
        self.stop_flag.set()
        self.join()
        return self.peak


def phase(service, name, work):
    before = service.rss_mb()
    sampler = RssSampler(service)
    sampler.start()
    started = time.time()
    results = work()
    seconds = time.time() - started
    peak = sampler.stop()
    time.sleep(1)
    statuses = {}
    for status, _, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    latencies = sorted(r[2] for r in results)
    p50 = latencies[len(latencies) // 2] if latencies else 0
    return {"phase": name, "requests": len(results), "statuses": statuses, "p50_s": p50,
            "max_s": latencies[-1] if latencies else 0, "seconds": seconds,
            "rss_before_mb": before, "rss_peak_mb": peak, "rss_after_mb": service.rss_mb(),
            "alive": service.alive()}


def image_flood(service, png):
    body = {"model": "mnist", "imageBase64": base64.b64encode(png).decode()}
    with ThreadPoolExecutor(16) as pool:
        rounds = [pool.submit(post_json, service, "/classify", body, False, 60) for _ in range(48)]
        return [f.result() for f in rounds]


def explain_abuse(service):
    texts = [("abcdefghijklmnop" * 16)[:256] for _ in range(64)]
    heavy = {"model": "names", "texts": texts, "explain": True}
    light = {"model": "names", "text": "Nakamura", "explain": True}
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(post_json, service, "/classify", heavy if i % 2 == 0 else light, False, 60)
                   for i in range(32)]
        return [f.result() for f in futures]


def imports_while_classifying(service):
    manifest = open(os.path.join(ROOT, "docs/examples/golden-gru.model.json"), "rb").read()
    weights = open(os.path.join(SHARED, "golden/text-gru-l1-bi.npz"), "rb").read()
    bomb = zip_bomb()
    bad_manifest = json.loads(manifest)
    bad_manifest.setdefault("architecture", {})["hiddenSize"] = 4096
    bad_manifest["architecture"]["inputSize"] = 20000
    results = []
    stop = threading.Event()

    def classify_loop(model, payload):
        out = []
        deadline = time.time() + 90
        while not stop.is_set() and time.time() < deadline and len(out) < 2000:
            out.append(post_json(service, "/classify", dict(payload, model=model), False, 30))
        return out

    with ThreadPoolExecutor(8) as pool:
        loops = [pool.submit(classify_loop, "names", {"texts": ["Nakamura", "Schmidt", "Dubois"]})
                 for _ in range(4)]
        loops += [pool.submit(classify_loop, "mnist", {"image": [[0] * 28] * 28}) for _ in range(4)]
        admin = []
        for i in range(6):
            admin.append(("import", multipart(service, "/models", {
                "manifest": ("model.json", manifest, "application/json"),
                "weights": ("weights.npz", weights, "application/octet-stream")})))
            admin.append(("zip bomb", multipart(service, "/models", {
                "manifest": ("model.json", manifest, "application/json"),
                "weights": ("weights.npz", bomb, "application/octet-stream")})))
            admin.append(("huge manifest", multipart(service, "/models", {
                "manifest": ("model.json", json.dumps(bad_manifest).encode(), "application/json"),
                "weights": ("weights.npz", weights, "application/octet-stream")})))
            for version in ("1", "2"):
                admin.append(("promote", request(service, "POST", f"/models/mnist/versions/{version}/promote",
                                                 b"", {"Authorization": "Bearer " + TOKEN})))
        stop.set()
        for loop in loops:
            results.extend(loop.result())
    return results, admin


def kill_during_import(service, state):
    weights = open(os.path.join(SHARED, "golden/text-gru-l1-bi.npz"), "rb").read()
    manifest = open(os.path.join(ROOT, "docs/examples/golden-gru.model.json"), "rb").read()
    big = weights + b"\x00" * (64 << 20)  # a slow upload, so the kill lands mid-import
    t = threading.Thread(target=multipart, args=(service, "/models", {
        "manifest": ("model.json", manifest, "application/json"),
        "weights": ("weights.npz", big, "application/octet-stream")}), daemon=True)
    t.start()
    time.sleep(0.5)
    service.process.send_signal(signal.SIGKILL)
    service.process.wait()
    leftovers = [p for p in walk_hidden(service.models)] + [p for p in walk_hidden(os.path.join(state, "uploads"))]
    return leftovers


def walk_hidden(folder):
    found = []
    if not os.path.isdir(folder):
        return found
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            if name.startswith(".import") or name.startswith(".tmp") or base.endswith("uploads"):
                found.append(os.path.relpath(os.path.join(base, name), folder))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=os.path.join(ROOT, "target/rnn-serving.jar"))
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="rnn-load-and-fault-")
    models = os.path.join(work, "models")
    shutil.copytree(os.path.join(ROOT, "models"), models)
    # a second mnist version, so promotions have somewhere to go
    shutil.copytree(os.path.join(models, "mnist", "1"), os.path.join(models, "mnist", "2"))
    state = os.path.join(work, "state")
    log = os.path.join(work, "service.log")
    service = Service(args.jar, models, state, log)
    service.start()
    report = {"cpu": cpu(), "jvm": " ".join(JVM), "phases": []}
    try:
        png = heavy_png()
        report["png_bytes"] = len(png)
        report["phases"].append(phase(service, "16 clients, 4000x4000 16-bit RGBA PNG (48 requests)",
                                      lambda: image_flood(service, png)))
        report["phases"].append(phase(service, "explain: 64x256-char texts and single names, 8 clients (32 requests)",
                                      lambda: explain_abuse(service)))
        admin_holder = {}

        def mixed():
            results, admin = imports_while_classifying(service)
            admin_holder["admin"] = admin
            return results
        report["phases"].append(phase(service, "8 clients classifying while imports, a zip bomb, huge manifests and promotions run",
                                      mixed))
        report["admin"] = {}
        for kind, (status, _, seconds) in admin_holder["admin"]:
            entry = report["admin"].setdefault(kind, {"statuses": {}, "max_s": 0})
            entry["statuses"][str(status)] = entry["statuses"].get(str(status), 0) + 1
            entry["max_s"] = max(entry["max_s"], seconds)
        report["leftovers_after_kill"] = kill_during_import(service, state)
        # leftovers younger than rnn.leftover-age may be another replica's import in progress and
        # are kept; here they are made old enough by waiting past a 2 s age
        time.sleep(3)
        restarted = Service(args.jar, models, state, log, ["--rnn.leftover-age=2s"])
        restarted.start()
        report["restart_ready"] = restarted.alive()
        report["leftovers_after_restart"] = walk_hidden(models) + walk_hidden(os.path.join(state, "uploads"))
        status, body, _ = post_json(restarted, "/classify", {"model": "names", "text": "Nakamura"})
        report["classify_after_restart"] = status
        restarted.process.terminate()
        restarted.process.wait(60)
    finally:
        if service.alive():
            service.process.terminate()
            service.process.wait(60)
    print(json.dumps(report, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    failures = verdict(report)
    for failure in failures:
        print("FAILED: " + failure, file=sys.stderr)
    return 1 if failures else 0


def verdict(report):
    """What the hardening promises: alive, only 2xx/4xx/503, every answer within 10 s, RSS +1 GB at most."""
    failures = []
    for p in report["phases"]:
        if not p["alive"]:
            failures.append(f"{p['phase']}: the process died")
        bad = {s: n for s, n in p["statuses"].items() if not (s.startswith("2") or s.startswith("4") or s == "503")}
        if bad:
            failures.append(f"{p['phase']}: answers {bad}")
        if p["max_s"] > 10:
            failures.append(f"{p['phase']}: slowest answer {p['max_s']:.1f} s")
        if p["rss_peak_mb"] - p["rss_before_mb"] > 1024:
            failures.append(f"{p['phase']}: RSS grew by {p['rss_peak_mb'] - p['rss_before_mb']:.0f} MB")
    for kind, entry in report["admin"].items():
        bad = {s: n for s, n in entry["statuses"].items() if not (s.startswith("2") or s.startswith("4"))}
        if bad:
            failures.append(f"{kind}: answers {bad}")
    if report.get("leftovers_after_restart"):
        failures.append(f"leftovers after restart: {report['leftovers_after_restart']}")
    if report.get("classify_after_restart") != 200:
        failures.append(f"classify after restart: {report.get('classify_after_restart')}")
    return failures


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            text = f.read()
        model = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("model name"))
        return f"{model}, {os.cpu_count()} cores, AVX-512: {'avx512f' in text}"
    except (OSError, StopIteration):
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
