#!/usr/bin/env bash
# The image flood of issue 11 against a running service on 127.0.0.1: CLIENTS concurrent
# POST /classify, each with the same 4000x4000 16-bit RGBA PNG (black, opaque, one white pixel in
# two opposite corners; about 190 KB) as imageBase64. Prints each answer's status and time and the
# service's RSS before, at its peak while the flood runs, and after.
#
#   scripts/image-flood.sh PORT PID [CLIENTS] [MODEL]
#
# PID is the service's process id (for RSS). CLIENTS is at most 64; each request gives up after 30 s.
set -euo pipefail

port=${1:?usage: image-flood.sh PORT PID [CLIENTS] [MODEL]}
pid=${2:?usage: image-flood.sh PORT PID [CLIENTS] [MODEL]}
clients=${3:-16}
model=${4:-mnist}
if (( clients < 1 || clients > 64 )); then
    echo "CLIENTS must be 1 to 64" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'kill "$sampler" 2>/dev/null || true; rm -rf "$work"' EXIT

# the PNG, written row by row so making it needs no 128 MB raster
python3 - "$work/body.json" "$model" <<'PY'
import base64, json, struct, sys, zlib
width = height = 4000
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
black = b"\0" + b"\0\0\0\0\0\0\xff\xff" * width          # filter "none", RGBA 16 bits: opaque black
white = b"\xff\xff\xff\xff\xff\xff\xff\xff"
deflate = zlib.compressobj(9)
idat = []
for y in range(height):
    row = black
    if y == 0:
        row = b"\0" + white + black[9:]
    elif y == height - 1:
        row = black[:-8] + white
    idat.append(deflate.compress(row))
idat.append(deflate.flush())
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 6, 0, 0, 0))
       + chunk(b"IDAT", b"".join(idat)) + chunk(b"IEND", b""))
sys.stderr.write(f"PNG: {len(png)} bytes, {width}x{height}, 16-bit RGBA\n")
json.dump({"model": sys.argv[2], "imageBase64": base64.b64encode(png).decode()}, open(sys.argv[1], "w"))
PY

rss() { ps -o rss= -p "$pid" | tr -d ' '; }
echo "RSS before: $(( $(rss) / 1024 )) MB"

# peak RSS, sampled every 100 ms while the flood runs
( peak=0; while kill -0 "$pid" 2>/dev/null; do r=$(rss || echo 0); (( r > peak )) && peak=$r && echo "$peak" > "$work/peak"; sleep 0.1; done ) &
sampler=$!

started=$(date +%s.%N)
pids=()
for i in $(seq 1 "$clients"); do
    curl -s -o "$work/answer-$i.json" -w "%{http_code} %{time_total}\n" --max-time 30 \
        -H 'Content-Type: application/json' --data-binary "@$work/body.json" \
        "http://127.0.0.1:$port/classify" > "$work/status-$i" 2>/dev/null || echo "000 timeout-or-refused" > "$work/status-$i" &
    pids+=($!)
done
wait "${pids[@]}" || true
ended=$(date +%s.%N)
sleep 1
kill "$sampler" 2>/dev/null || true

echo "answers (status seconds):"
cat "$work"/status-* | sort | uniq -c | sort -rn
echo "slowest: $(cat "$work"/status-* | sort -k2 -n | tail -1)"
echo "flood wall time: $(echo "$ended - $started" | bc) s"
if kill -0 "$pid" 2>/dev/null; then
    echo "process alive; RSS peak: $(( $(cat "$work/peak" 2>/dev/null || echo 0) / 1024 )) MB, after: $(( $(rss) / 1024 )) MB"
else
    echo "PROCESS DIED"
fi
