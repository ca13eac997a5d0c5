#!/usr/bin/env python3
"""Raw files of scripts/bench-serving.sh in, target/bench/results.json, docs/PERFORMANCE.md and
docs/performance.svg out. Standard library only.

  bench_report.py image-body --idx DIR --index N --model NAME --out FILE
  bench_report.py wait-ready --url URL --pid PID --timeout S
  bench_report.py collect --raw DIR --out results.json --meta key=value ...
  bench_report.py report --results results.json --md PERFORMANCE.md --svg performance.svg
"""
import argparse
import datetime
import gzip
import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

IMAGE_SCENARIOS = ["image-c1", "image-c8", "image-c32"]
SCENARIOS = IMAGE_SCENARIOS + ["names-c32", "liveness-c32"]
CONFIGS = ["baseline", "current", "current-nobatch"]
CONFIG_TITLES = {
    "baseline": "baseline",
    "current": "current, batching on",
    "current-nobatch": "current, batching off",
}

# the targets
TARGET_IMAGE_VS_LIVENESS = 0.75
TARGET_P99_C32_MS = 20.0
TARGET_BATCHING_GAIN = 2.0
TARGET_C1_P50_MS = 1.0
TARGET_NAMES_GAIN = 2.5
TARGET_NAMES_P99_MS = 30.0
TARGET_READY_S = 6.0
TARGET_RSS_FLAT = 0.05


# ---- image-body -------------------------------------------------------------------------------

def read_idx_image(folder, index):
    path = Path(folder) / "t10k-images-idx3-ubyte.gz"
    opener = gzip.open
    if not path.exists():
        path = Path(folder) / "t10k-images-idx3-ubyte"
        opener = open
    with opener(path, "rb") as f:
        header = f.read(16)
        magic, count, rows, cols = (int.from_bytes(header[i:i + 4], "big") for i in range(0, 16, 4))
        if magic != 2051 or not 0 <= index < count:
            raise SystemExit(f"{path}: not an IDX image file, or no image {index}")
        f.read(index * rows * cols)
        pixels = f.read(rows * cols)
    return [list(pixels[r * cols:(r + 1) * cols]) for r in range(rows)]


def cmd_image_body(args):
    image = read_idx_image(args.idx, args.index)
    Path(args.out).write_text(json.dumps({"model": args.model, "image": image}, separators=(",", ":")) + "\n")


# ---- wait-ready -------------------------------------------------------------------------------

def cmd_wait_ready(args):
    """Polls the readiness URL every 50 ms from one process (a curl per poll would cost the starting
    JVM a tenth of the machine); exits 0 once it answers UP, 1 when the server exits or time is up."""
    import time
    import urllib.error
    import urllib.request
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        try:  # gone, or a zombie that the script has not reaped yet
            state = Path(f"/proc/{args.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            sys.exit(1)
        if state in ("Z", "X"):
            sys.exit(1)
        try:
            with urllib.request.urlopen(args.url, timeout=2) as answer:
                if b'"UP"' in answer.read():
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    sys.exit(1)


# ---- collect ----------------------------------------------------------------------------------

def parse_wrk(path):
    text = Path(path).read_text(errors="replace")
    match = re.search(r"^BENCH_JSON (\{.*\})\s*$", text, re.M)
    if not match:
        raise SystemExit(f"{path}: no BENCH_JSON line (wrk failed?):\n{text}")
    data = json.loads(match.group(1))
    seconds = data["duration_us"] / 1e6
    errors = data["errors"]
    lat = data["latency_us"]
    return {
        "requests": data["requests"],
        "seconds": round(seconds, 3),
        "rps": round(data["requests"] / seconds, 1) if seconds else 0.0,
        "latency_ms": {k: round(v / 1000.0, 3) for k, v in lat.items()},
        # wrk counts answers with status >= 400 as "status" errors; the rest are socket errors
        "non2xx": errors["status"],
        "socket_errors": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
        "errors": errors,
    }


PROM_LINE = re.compile(r'^http_server_requests_seconds_count\{(.*)\}\s+([0-9.eE+-]+)\s*$')
PROM_LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def parse_prom(path):
    counts = {}
    if not Path(path).exists():
        return None
    for line in Path(path).read_text(errors="replace").splitlines():
        match = PROM_LINE.match(line)
        if match:
            labels = dict(PROM_LABEL.findall(match.group(1)))
            key = (labels.get("method", ""), labels.get("uri", ""), labels.get("status", ""))
            counts[key] = counts.get(key, 0) + float(match.group(2))
    return counts


def server_counts(before_path, after_path):
    """What the server itself counted during the measured run (Micrometer's http.server.requests),
    leaving out the two scrapes of /actuator/prometheus around it."""
    before, after = parse_prom(before_path), parse_prom(after_path)
    if before is None or after is None:
        return None
    by_status = {}
    for key, value in after.items():
        method, uri, status = key
        if uri == "/actuator/prometheus":
            continue
        delta = int(round(value - before.get(key, 0)))
        if delta:
            by_status[status] = by_status.get(status, 0) + delta
    total = sum(by_status.values())
    ok = sum(v for k, v in by_status.items() if k.startswith("2"))
    return {"requests": total, "2xx": ok, "non2xx": total - ok, "by_status": by_status}


def read_json(path):
    return json.loads(Path(path).read_text())


def cpu_shares(cpu):
    """Shares of the whole machine (all cores over the window), in %: the server, the client (wrk,
    or the in-process benchmark), everything else, and time stolen by the hypervisor."""
    if not cpu or not cpu.get("wall_s"):
        return None
    capacity = cpu["wall_s"] * cpu["cores"]
    other = max(0.0, cpu["busy_s"] - cpu["server_s"] - cpu["children_s"])
    return {
        "server_pct": round(100 * cpu["server_s"] / capacity, 1),
        "client_pct": round(100 * cpu["children_s"] / capacity, 1),
        "other_pct": round(100 * other / capacity, 1),
        "steal_pct": round(100 * cpu["steal_s"] / capacity, 1),
        **cpu,
    }


def machine_info():
    cpu_model, flags = "unknown", set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and cpu_model == "unknown":
                cpu_model = line.split(":", 1)[1].strip()
            elif line.startswith("flags") and not flags:
                flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    memory_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass

    def run(command):
        try:
            out = subprocess.run(command, capture_output=True, text=True, timeout=30)
            return (out.stdout + out.stderr).strip()
        except (OSError, subprocess.SubprocessError):
            return "unknown"

    java = run(["java", "-version"]).splitlines()
    wrk = run(["wrk", "-v"]).splitlines()
    return {
        "cpu_model": cpu_model,
        "avx512": "avx512f" in flags,
        "avx512_flags": sorted(f for f in flags if f.startswith("avx512")),
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "kernel": platform.release(),
        "os": platform.platform(),
        "java": " / ".join(java[:2]) if java else "unknown",
        "wrk": wrk[0] if wrk else "unknown",
        "python": platform.python_version(),
    }


def cmd_collect(args):
    raw = Path(args.raw)
    meta = {}
    for item in args.meta or []:
        key, _, value = item.partition("=")
        meta[key] = value
    for key in ("current_dirty", "same_serving_code"):
        if key in meta:
            meta[key] = meta[key] == "true"
    for key in ("duration_s", "warmup_s", "settle_s", "wrk_threads", "run_seconds", "image_index", "quiet_cpu", "patience_s", "patience_left_s"):
        if meta.get(key, "").isdigit():
            meta[key] = int(meta[key])
    meta["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    meta["machine"] = machine_info()

    results = {"meta": meta, "configs": {}, "startup_default_models": {}}
    for config in CONFIGS:
        folder = raw / config
        if not folder.is_dir():
            continue
        startup = read_json(folder / "startup.json")
        entry = {
            "jar": startup["jar"],
            "args": startup["args"],
            "startup_s": startup["startup_s"],
            "quiet_before_start": startup.get("quiet"),
            "startup_cpu": cpu_shares(startup.get("cpu")),
            "models": [m.get("name") for m in startup.get("models", [])],
            "scenarios": {},
        }
        for scenario in SCENARIOS:
            wrk_file = folder / f"{scenario}.wrk"
            if not wrk_file.exists():
                continue
            info = read_json(folder / f"{scenario}.json")
            result = parse_wrk(wrk_file)
            result.update({
                "concurrency": info["concurrency"],
                "wrk_threads": info["threads"],
                "duration_s": info["duration_s"],
                "path": info["path"],
                "body": info["body"],
                "rss_mb_after": round(info["rss_kb_after"] / 1024, 1),
                "server": server_counts(folder / f"{scenario}.prom-before", folder / f"{scenario}.prom-after"),
                "attempts": info.get("attempts", 1),
                "cpu": cpu_shares(info.get("cpu")),
            })
            entry["scenarios"][scenario] = result
        results["configs"][config] = entry
    for which in ("baseline", "current"):
        path = raw / f"{which}-default-models" / "startup.json"
        if path.exists():
            startup = read_json(path)
            results["startup_default_models"][which] = {
                "startup_s": startup["startup_s"],
                "quiet_before_start": startup.get("quiet"),
                "startup_cpu": cpu_shares(startup.get("cpu")),
                "models": [m.get("name") for m in startup.get("models", [])],
            }
    if (raw / "inprocess.json").exists():
        results["inprocess"] = read_json(raw / "inprocess.json")
        if (raw / "inprocess-cpu.json").exists():
            results["inprocess"]["cpu"] = cpu_shares(read_json(raw / "inprocess-cpu.json"))
        if (raw / "inprocess-quiet.json").exists():
            results["inprocess"]["quiet_before_start"] = read_json(raw / "inprocess-quiet.json")
    soak_dir = raw / "soak"
    if (soak_dir / "soak.wrk").exists():
        info = read_json(soak_dir / "soak.json")
        samples = []
        for line in (soak_dir / "rss.tsv").read_text().splitlines():
            parts = line.split("\t")
            if len(parts) == 2 and parts[1].strip().isdigit():
                samples.append([float(parts[0]), round(int(parts[1]) / 1024, 1)])
        rss = [s[1] for s in samples]
        soak = dict(info)
        soak["wrk"] = parse_wrk(soak_dir / "soak.wrk")
        soak["cpu"] = cpu_shares(info.get("cpu"))
        soak["rss_mb_samples"] = samples
        if rss:
            first = rss[0]
            soak.update({
                "rss_mb_first": first,
                "rss_mb_last": rss[-1],
                "rss_mb_min": min(rss),
                "rss_mb_max": max(rss),
                "rss_max_deviation": round(max(abs(r - first) for r in rss) / first, 4),
            })
        results["soak"] = soak
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")


# ---- report -----------------------------------------------------------------------------------

def scenario(results, config, name):
    return results["configs"].get(config, {}).get("scenarios", {}).get(name)


def fmt_rps(value):
    return "–" if value is None else f"{value:,.0f}"


def fmt_ms(value):
    if value is None:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    return f"{a / b:.2f}×"


def verdict(ok):
    if ok is None:
        return "n/a"
    return "**PASS**" if ok else "**MISS**"


def errors_cell(result):
    if result is None:
        return "–"
    text = f"{result['non2xx']} / {result['socket_errors']}"
    server = result.get("server")
    if server and server["non2xx"]:
        text += f" (server: {server['by_status']})"
    return text


def cpu_cell(cpu):
    if not cpu:
        return "–"
    text = f"{cpu['server_pct']:.0f}% / {cpu['client_pct']:.0f}% / {cpu['other_pct']:.0f}%"
    if cpu["steal_pct"] >= 1:
        text += f", stolen {cpu['steal_pct']:.0f}%"
    return text


def attempt_note(result):
    attempts = result.get("attempts", 1)
    return f" (attempt {attempts})" if attempts > 1 else ""


def busy_windows(results):
    """Where processes other than the server and its client took more than the quiet threshold."""
    limit = float(results["meta"].get("quiet_cpu") or 10)
    found = []
    for config in CONFIGS:
        entry = results["configs"].get(config)
        if not entry:
            continue
        cpu = entry.get("startup_cpu")
        if cpu and cpu["other_pct"] >= limit:
            found.append(f"{config} start ({cpu['other_pct']:.0f}%)")
        for name, r in entry["scenarios"].items():
            cpu = r.get("cpu")
            if cpu and cpu["other_pct"] >= limit:
                found.append(f"{config} {name} ({cpu['other_pct']:.0f}%)")
    for which, entry in results.get("startup_default_models", {}).items():
        cpu = entry.get("startup_cpu")
        if cpu and cpu["other_pct"] >= limit:
            found.append(f"{which} start with the default models ({cpu['other_pct']:.0f}%)")
    inproc = results.get("inprocess") or {}
    if inproc.get("cpu") and inproc["cpu"]["other_pct"] >= limit:
        found.append(f"in-process forward ({inproc['cpu']['other_pct']:.0f}%)")
    soak = results.get("soak") or {}
    if soak.get("cpu") and soak["cpu"]["other_pct"] >= limit:
        found.append(f"soak ({soak['cpu']['other_pct']:.0f}%)")
    return limit, found


def get(result, *keys):
    value = result
    for key in keys:
        if value is None:
            return None
        value = value.get(key)
    return value


def targets(results):
    """(target, value text, verdict, baseline text) rows."""
    rows = []
    cur32 = scenario(results, "current", "image-c32")
    live = scenario(results, "current", "liveness-c32")
    base32 = scenario(results, "baseline", "image-c32")
    base_live = scenario(results, "baseline", "liveness-c32")

    def share(image, liveness):
        if image is None or liveness is None or not liveness["rps"]:
            return None
        return image["rps"] / liveness["rps"]

    s, bs = share(cur32, live), share(base32, base_live)
    rows.append((
        f"image c=32 throughput ≥ {TARGET_IMAGE_VS_LIVENESS:.0%} of liveness c=32 (same server)",
        "–" if s is None else f"{s:.1%} ({cur32['rps']:,.0f} of {live['rps']:,.0f} req/s)",
        verdict(None if s is None else s >= TARGET_IMAGE_VS_LIVENESS),
        "–" if bs is None else f"{bs:.1%}",
    ))
    p99 = get(cur32, "latency_ms", "p99")
    rows.append((
        f"image p99 at c=32 ≤ {TARGET_P99_C32_MS:.0f} ms",
        f"{fmt_ms(p99)} ms",
        verdict(None if p99 is None else p99 <= TARGET_P99_C32_MS),
        f"{fmt_ms(get(base32, 'latency_ms', 'p99'))} ms",
    ))
    off32 = scenario(results, "current-nobatch", "image-c32")
    gain = cur32["rps"] / off32["rps"] if cur32 and off32 and off32["rps"] else None
    rows.append((
        f"batching on ≥ {TARGET_BATCHING_GAIN:.0f}× off, image c=32 throughput",
        "–" if gain is None else f"{gain:.2f}× ({cur32['rps']:,.0f} / {off32['rps']:,.0f} req/s)",
        verdict(None if gain is None else gain >= TARGET_BATCHING_GAIN),
        "",
    ))
    p50 = get(scenario(results, "current", "image-c1"), "latency_ms", "p50")
    rows.append((
        f"image p50 at c=1 ≤ {TARGET_C1_P50_MS:.1f} ms",
        f"{fmt_ms(p50)} ms",
        verdict(None if p50 is None else p50 <= TARGET_C1_P50_MS),
        f"{fmt_ms(get(scenario(results, 'baseline', 'image-c1'), 'latency_ms', 'p50'))} ms",
    ))
    names, base_names = scenario(results, "current", "names-c32"), scenario(results, "baseline", "names-c32")
    ngain = names["rps"] / base_names["rps"] if names and base_names and base_names["rps"] else None
    np99 = get(names, "latency_ms", "p99")
    ok = None if ngain is None or np99 is None else (ngain >= TARGET_NAMES_GAIN and np99 <= TARGET_NAMES_P99_MS)
    rows.append((
        f"names c=32 ≥ {TARGET_NAMES_GAIN}× baseline throughput, p99 ≤ {TARGET_NAMES_P99_MS:.0f} ms",
        "–" if ngain is None else f"{ngain:.2f}× ({names['rps']:,.0f} vs {base_names['rps']:,.0f} req/s), "
                                  f"p99 {fmt_ms(np99)} ms",
        verdict(ok),
        "" if base_names is None else f"p99 {fmt_ms(get(base_names, 'latency_ms', 'p99'))} ms",
    ))
    ready = get(results, "startup_default_models", "current", "startup_s")
    base_ready = get(results, "startup_default_models", "baseline", "startup_s")
    rows.append((
        f"ready ≤ {TARGET_READY_S:.0f} s with all default models (process start → readiness UP)",
        "–" if ready is None else f"{ready:.1f} s",
        verdict(None if ready is None else ready <= TARGET_READY_S),
        "–" if base_ready is None else f"{base_ready:.1f} s",
    ))
    soak = results.get("soak")
    if soak and "rss_max_deviation" in soak:
        dev = soak["rss_max_deviation"]
        rows.append((
            f"RSS flat ±{TARGET_RSS_FLAT:.0%} over a {soak['seconds']} s run at c=32 after warm-up",
            f"±{dev:.1%} (first {soak['rss_mb_first']:.0f} MB, last {soak['rss_mb_last']:.0f} MB, "
            f"max {soak['rss_mb_max']:.0f} MB)",
            verdict(dev <= TARGET_RSS_FLAT),
            "",
        ))
    else:
        rows.append((
            f"RSS flat ±{TARGET_RSS_FLAT:.0%} over a 10-minute run at c=32 after warm-up",
            "not run (BENCH_SOAK_SECONDS=600 runs it)",
            "n/a",
            "",
        ))
    return rows


def scenario_table(results, name):
    configs = ["baseline", "current"] + (["current-nobatch"] if name in IMAGE_SCENARIOS else [])
    lines = [
        "| server | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx / socket errors | RSS after "
        "| CPU server / wrk / other |",
        "|---|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for config in configs:
        r = scenario(results, config, name)
        if r is None:
            continue
        lat = r["latency_ms"]
        lines.append(
            f"| {CONFIG_TITLES[config]} | {fmt_rps(r['rps'])} | {fmt_ms(lat['p50'])} | {fmt_ms(lat['p90'])} | "
            f"{fmt_ms(lat['p99'])} | {fmt_ms(lat['max'])} | {errors_cell(r)} | {r['rss_mb_after']:.0f} MB "
            f"| {cpu_cell(r.get('cpu'))}{attempt_note(r)} |")
    base, cur = scenario(results, "baseline", name), scenario(results, "current", name)
    ratios = []
    if base and cur:
        ratios.append(f"current / baseline: throughput {fmt_ratio(cur['rps'], base['rps'])}, "
                      f"p50 {fmt_ratio(cur['latency_ms']['p50'], base['latency_ms']['p50'])}, "
                      f"p99 {fmt_ratio(cur['latency_ms']['p99'], base['latency_ms']['p99'])}")
    off = scenario(results, "current-nobatch", name)
    if cur and off:
        ratios.append(f"batching on / off: throughput {fmt_ratio(cur['rps'], off['rps'])}, "
                      f"p99 {fmt_ratio(cur['latency_ms']['p99'], off['latency_ms']['p99'])}")
    if ratios:
        lines.append("")
        lines.append("; ".join(ratios) + ".")
    return lines


SCENARIO_TITLES = {
    "image-c1": "Image, c=1 (`POST /classify`, one 28×28 Fashion-MNIST image per request)",
    "image-c8": "Image, c=8",
    "image-c32": "Image, c=32",
    "names-c32": "Names, c=32 (`POST /classify` `{\"model\":\"names\",\"text\":\"Nakamura\"}`, 2×128 BiLSTM)",
    "liveness-c32": "Liveness, c=32 (`GET /actuator/health/liveness`: the framework's floor)",
}


def write_markdown(results, md_path, svg_path):
    meta = results["meta"]
    machine = meta["machine"]
    base_commit = meta.get("baseline_commit", "?")
    cur_commit = meta.get("current_commit", "?")
    same = meta.get("same_serving_code")
    out = ["# Serving performance", ""]
    out.append(f"Generated by `scripts/bench-serving.sh` on {meta['date']} "
               f"(raw numbers: `target/bench/results.json` of that run).")
    out.append("")
    if same:
        out.append(f"> **Harness run: baseline == current.** The served code of this checkout "
                   f"(`{cur_commit[:10]}`{' + uncommitted changes' if meta.get('current_dirty') else ''}) "
                   f"is identical to the baseline's (`{base_commit[:10]}`: no difference under `src/main` or "
                   f"in `pom.xml`), so every current/baseline ratio below only shows the run-to-run noise of "
                   f"this machine, and `--rnn.serving.batching=false` is a property no code reads yet. "
                   f"The targets are judged on these numbers all the same; rerun the command once the "
                   f"serving engine is in.")
        out.append("")
    if meta.get("note"):
        out.append(f"> {meta['note']}")
        out.append("")
    limit, busy = busy_windows(results)
    if busy:
        out.append(f"> **The machine was not quiet.** Processes other than the server under test and "
                   f"wrk used ≥ {limit:.0f}% of all cores during: {', '.join(busy)}. Those numbers are "
                   f"low and noisy by an unknown amount; rerun on a quiet machine before drawing conclusions.")
        out.append("")
    out += ["## Reproduce", "", "```bash", meta.get("command", "scripts/bench-serving.sh"), "```", ""]
    out.append(f"One run took {meta.get('run_seconds', '?')} s, builds included. "
               "The settings are listed at the top of `scripts/bench-serving.sh`.")
    out += ["", "## Machine and run", "", "| | |", "|---|---|"]
    out.append(f"| CPU | {machine['cpu_model']}, {machine['cores']} cores visible |")
    out.append(f"| AVX-512 | {'yes' if machine['avx512'] else 'no'}"
               f"{' (' + ', '.join(machine['avx512_flags']) + ')' if machine['avx512_flags'] else ''} |")
    out.append(f"| memory | {machine['memory_gib']} GiB |")
    out.append(f"| OS | {machine['os']} |")
    out.append(f"| Java | {machine['java']} |")
    out.append(f"| load generator | {machine['wrk'].split(' Copyright')[0]}, on the same machine, {meta.get('wrk_threads')} thread(s), "
               f"closed loop (each connection sends its next request when the last one answered) |")
    inproc = results.get("inprocess") or {}
    if inproc:
        out.append(f"| engine | libtorch {inproc.get('libtorch')} through DJL, intra-op threads "
                   f"{inproc.get('intra_op_threads')} (the service's default, `RNN_INTRA_OP_THREADS=1`) |")
    out.append(f"| baseline | `{base_commit}` (BASELINE={meta.get('baseline_ref')}) |")
    out.append(f"| current | `{cur_commit}`{' + uncommitted changes' if meta.get('current_dirty') else ''}"
               f"{', extra arguments ' + meta['current_args'] if meta.get('current_args') else ''} |")
    if meta.get("java_opts"):
        out.append(f"| JVM options | `{meta['java_opts']}` |")
    out.append(f"| per scenario | {meta.get('settle_s')} s at its concurrency, then {meta.get('duration_s')} s "
               f"measured; after each start {meta.get('warmup_s')} s of image load at c=32 |")
    out += [
        "",
        "Model: `fashion-lstm-bench`, a 1-layer, 128-wide one-way LSTM reading the 28 rows of a "
        "Fashion-MNIST image (summary `last`), trained by the project's own `train` command for "
        f"{meta.get('train_epochs')} epoch on {meta.get('train_limit')} images. Its accuracy is beside the "
        "point: the work of a forward pass depends on the shapes (28 steps of 28 pixels, 128 units, "
        "10 classes), not on the weights. Every request posts the same real test image "
        f"(index {meta.get('image_index')} of the official test set) as a 28×28 JSON array. "
        "The names model is the repository's `models/names` (2-layer 128-wide bidirectional LSTM).",
        "",
        "## Targets (issue 13)",
        "",
        "| target | current | verdict | baseline |",
        "|---|---|---|---|",
    ]
    for target, value, ok, base in targets(results):
        out.append(f"| {target} | {value} | {ok} | {base} |")
    out += ["", f"![throughput per concurrency]({Path(svg_path).name})", ""]
    out += ["## Scenarios", "",
            "Latencies are wrk's, in milliseconds, from the client's side on the same machine; "
            "non-2xx counts answers with status ≥ 400 (wrk's own count), socket errors are connect, "
            "read, write errors and timeouts (10 s). Where the server's own count "
            "(Micrometer's `http.server.requests`) saw errors, they are listed by status.", ""]
    for name in SCENARIOS:
        if not any(scenario(results, c, name) for c in CONFIGS):
            continue
        out += [f"### {SCENARIO_TITLES[name]}", ""]
        out += scenario_table(results, name)
        out.append("")
    out += ["## Start-up", "",
            "Process start (the `java` command) to the first `GET /actuator/health/readiness` answering "
            "UP, polled every 50 ms. Before each start the script waits for the machine to be quiet; "
            "the shares of all cores the server and other processes used during the start are shown.", "",
            "| server | benchmark models (fashion-lstm-bench, names) | all default models (`models/`) |",
            "|---|---:|---:|"]

    def start_cell(entry, extra=""):
        if not entry or entry.get("startup_s") is None:
            return "–"
        text = f"{entry['startup_s']:.1f} s{extra}"
        cpu = entry.get("startup_cpu")
        if cpu:
            text += f" (server CPU {cpu['server_pct']:.0f}%, other {cpu['other_pct']:.0f}%)"
        return text

    for which in ("baseline", "current"):
        entry = get(results, "configs", which) or {}
        default = get(results, "startup_default_models", which) or {}
        bench_cell = start_cell(entry)
        default_cell = start_cell(default, f", {len(default.get('models', []))} models")
        out.append(f"| {which} | {bench_cell} | {default_cell} |")
    nobatch = get(results, "configs", "current-nobatch")
    if nobatch is not None:
        out.append(f"| current, batching off | "
                   f"{start_cell(nobatch)} | |")
    out.append("")
    if inproc:
        out += ["## Forward pass in-process", "",
                "`test/.../bench/ServingForwardBenchmark`: the bundle loaded as `registry/ModelRegistry` "
                "loads it, `Predictor.predict` with `model/SequenceBatchTranslator` on batches of real test "
                f"images, one intra-op thread, median of {inproc.get('rounds')} rounds of "
                f"{inproc.get('seconds')} s, current checkout only: what one intra-op thread does per "
                "forward pass, before HTTP, JSON and queueing add their share.", "",
                "| batch | images/s | ms per forward pass |", "|---:|---:|---:|"]
        for b in inproc.get("batches", []):
            out.append(f"| {b['batch']} | {b['images_per_s']:,.0f} | {1000.0 * b['batch'] / b['images_per_s']:.3f} |")
        out.append("")
        if inproc.get("cpu"):
            c = inproc["cpu"]
            out.append(f"CPU over the run, share of all cores: benchmark {c['client_pct']:.0f}% "
                       f"(JVM start included), other processes {c['other_pct']:.0f}%.")
            out.append("")
    soak = results.get("soak")
    if soak and soak.get("rss_mb_samples"):
        w = soak["wrk"]
        out += ["## Memory under sustained load", "",
                f"Current jar, image c=32 for {soak['seconds']} s after {soak['warmup_s']} s of warm-up load, "
                f"RSS sampled every {soak['interval_s']} s ({len(soak['rss_mb_samples'])} samples): "
                f"first {soak['rss_mb_first']:.0f} MB, last {soak['rss_mb_last']:.0f} MB, "
                f"min {soak['rss_mb_min']:.0f} MB, max {soak['rss_mb_max']:.0f} MB, largest deviation from the "
                f"first ±{soak['rss_max_deviation']:.1%}. Throughput over the run {w['rps']:,.0f} req/s, "
                f"p99 {fmt_ms(w['latency_ms']['p99'])} ms, non-2xx / socket errors {w['non2xx']} / "
                f"{w['socket_errors']}.", ""]
    out += ["## How to read these numbers", "",
            "- wrk runs on the same 2-core machine as the server and takes CPU from it; the liveness "
            "scenario pays the same cost, which is why the image target is a share of liveness in the "
            "same run rather than an absolute rate.",
            "- wrk is a closed-loop generator and does not correct for coordinated omission: a stall "
            "delays the requests behind it instead of piling them up, so tail latencies are a lower bound.",
            "- CPU shares are of all cores over the measured window (/proc/stat and /proc/PID/stat; "
            "interrupt time, the loopback traffic's among it, is left out). A scenario in which other "
            f"processes took {limit:.0f}% or more is measured again once the machine is quiet, within "
            f"{results['meta'].get('patience_s', '?')} s of patience for all waiting and re-measuring "
            f"({results['meta'].get('patience_left_s', '?')} s of it were left at the end); the table shows "
            "which attempt was kept.",
            "- The three servers run one after another (baseline, current, current with batching off), "
            "each on a fresh JVM with the same warm-up; drift of the machine between them shows up as "
            "ratio noise (see a harness run, where the code is the same, for its size).",
            ""]
    Path(md_path).write_text("\n".join(out))


def write_svg(results, svg_path):
    width, height = 820, 440
    left, right, top, bottom = 80, 230, 50, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    xs = [1, 8, 32]
    series = []
    colors = {"baseline": "#7f7f7f", "current": "#1f77b4", "current-nobatch": "#ff7f0e"}
    for config in CONFIGS:
        points = []
        for c, name in zip(xs, IMAGE_SCENARIOS):
            r = scenario(results, config, name)
            if r:
                points.append((c, r["rps"]))
        if points:
            series.append((CONFIG_TITLES[config], colors[config], points, ""))
    live = scenario(results, "current", "liveness-c32")
    base_live = scenario(results, "baseline", "liveness-c32")
    values = [p[1] for s in series for p in s[2]]
    if live:
        values.append(live["rps"])
    if base_live:
        values.append(base_live["rps"])
    values = [v for v in values if v > 0]
    if not values:
        return
    import math
    lo = 10 ** math.floor(math.log10(min(values) * 0.8))
    hi = 10 ** math.ceil(math.log10(max(values) * 1.25))

    def y_of(v):
        v = max(v, lo)
        return top + plot_h - (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * plot_h

    def x_of(c):
        return left + (xs.index(c) + 0.5) / len(xs) * plot_w

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{left}" y="24" font-size="15" font-weight="bold">POST /classify, one Fashion-MNIST image '
             f'per request: requests/s by concurrency</text>']
    # grid: 1-2-5 per decade
    decade = lo
    while decade <= hi:
        for m in (1, 2, 5):
            v = decade * m
            if lo <= v <= hi:
                y = y_of(v)
                parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                             f'stroke="{"#cccccc" if m == 1 else "#eeeeee"}"/>')
                parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{v:,.0f}</text>')
        decade *= 10
    parts.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>')
    for c in xs:
        parts.append(f'<text x="{x_of(c):.1f}" y="{top + plot_h + 18}" text-anchor="middle">c={c}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 14}" text-anchor="middle">'
                 f'concurrent connections (wrk)</text>')
    parts.append(f'<text transform="translate(18,{top + plot_h / 2:.1f}) rotate(-90)" '
                 f'text-anchor="middle">requests/s (log scale)</text>')
    legend = []
    if live:
        y = y_of(live["rps"])
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#2ca02c" '
                     f'stroke-width="2" stroke-dasharray="8,4"/>')
        legend.append(("liveness c=32 (current)", "#2ca02c", "8,4"))
        y = y_of(live["rps"] * TARGET_IMAGE_VS_LIVENESS)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#d62728" '
                     f'stroke-width="1.5" stroke-dasharray="2,3"/>')
        legend.append((f"target: {TARGET_IMAGE_VS_LIVENESS:.0%} of liveness", "#d62728", "2,3"))
    if base_live:
        y = y_of(base_live["rps"])
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#98df8a" '
                     f'stroke-width="1.5" stroke-dasharray="8,4"/>')
        legend.append(("liveness c=32 (baseline)", "#98df8a", "8,4"))
    for title, color, points, dash in series:
        path = " ".join(f"{'M' if i == 0 else 'L'}{x_of(c):.1f},{y_of(v):.1f}" for i, (c, v) in enumerate(points))
        parts.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>')
        for c, v in points:
            parts.append(f'<circle cx="{x_of(c):.1f}" cy="{y_of(v):.1f}" r="4" fill="{color}"/>')
        legend.insert(len([s for s in legend if s[2] == ""]), (title, color, ""))
    ly = top + 10
    for title, color, dash in legend:
        lx = left + plot_w + 14
        style = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 24}" y2="{ly}" stroke="{color}" stroke-width="2.5"{style}/>')
        parts.append(f'<text x="{lx + 30}" y="{ly + 4}">{title}</text>')
        ly += 20
    notes = []
    if results["meta"].get("same_serving_code"):
        notes += [("harness run: baseline and current", "#555"), ("serve the same code", "#555")]
    if busy_windows(results)[1]:
        notes += [("machine not quiet during the run:", "#d62728"), ("see PERFORMANCE.md", "#d62728")]
    for i, (line, color) in enumerate(notes):
        parts.append(f'<text x="{left + plot_w + 14}" y="{ly + 10 + 14 * i}" fill="{color}" font-size="11">'
                     f'{line}</text>')
    parts.append(f'<text x="{left}" y="{top - 8}" fill="#555" font-size="11">{results["meta"]["machine"]["cpu_model"]}, '
                 f'{results["meta"]["machine"]["cores"]} cores, {results["meta"]["date"]}</text>')
    parts.append("</svg>")
    Path(svg_path).write_text("\n".join(parts) + "\n")


def cmd_report(args):
    results = read_json(args.results)
    Path(args.md).parent.mkdir(parents=True, exist_ok=True)
    write_svg(results, args.svg)
    write_markdown(results, args.md, args.svg)
    for target, value, ok, _ in targets(results):
        print(f"{ok.strip('*'):5} {target}: {value}", file=sys.stderr)
    limit, busy = busy_windows(results)
    if busy:
        print(f"WARNING: other processes used >= {limit:.0f}% of the machine during: {', '.join(busy)}",
              file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("image-body")
    p.add_argument("--idx", required=True)
    p.add_argument("--index", type=int, default=0)
    p.add_argument("--model", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_image_body)
    p = sub.add_parser("wait-ready")
    p.add_argument("--url", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--timeout", type=float, default=180)
    p.set_defaults(func=cmd_wait_ready)
    p = sub.add_parser("collect")
    p.add_argument("--raw", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--meta", nargs="*")
    p.set_defaults(func=cmd_collect)
    p = sub.add_parser("report")
    p.add_argument("--results", required=True)
    p.add_argument("--md", required=True)
    p.add_argument("--svg", required=True)
    p.set_defaults(func=cmd_report)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
