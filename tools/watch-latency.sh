#!/usr/bin/env bash
# How soon `handout watch` has rebuilt a leaflet after its bundle is saved: starts a watch of one
# language and leaflet on a scratch copy of the project, saves the bundle N times (a changed title),
# and prints each latency from the save to the end of the round ("--- built ... in"), then the median.
# ./tools/watch-latency.sh [LANG] [LEAFLET] [N]     (default: fr symptoms 7)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
lang="${1:-fr}" leaflet="${2:-symptoms}" n="${3:-7}"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$here/content" "$here/translations" "$here/clinics" "$work/"
ln -s "$here/fonts" "$work/fonts"
"$here/handout" watch --root "$work" --lang "$lang" --leaflet "$leaflet" --out "$work/out" > "$work/log" 2>&1 &
pid=$!
until grep -q "Ctrl-C to stop" "$work/log" 2>/dev/null; do sleep 0.1; done
bundle="$work/translations/$lang.yaml"
key="$leaflet.title"
times=()
for i in $(seq 1 "$n"); do
  before=$(grep -c -- "--- built" "$work/log" || true)
  # change the text of the title entry (the line after its source), as an editor's save would
  python3 - "$bundle" "$key" "$i" <<'PY'
import sys
path, key, i = sys.argv[1], sys.argv[2], sys.argv[3]
lines = open(path, encoding="utf-8").read().split("\n")
at = lines.index("  " + key + ":")
for j in range(at + 1, len(lines)):
    if lines[j].startswith("    text: "):
        text = lines[j].rstrip('"').split(" ·")[0]
        lines[j] = text + " · " + i + '"'
        break
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
  start=$(date +%s%N)
  until [ "$(grep -c -- "--- built" "$work/log" || true)" -gt "$before" ]; do sleep 0.005; done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "save $i: rebuilt in $ms ms"
  sleep 0.3
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median " a[int((NR+1)/2)] " ms of " NR " saves (min " a[1] ", max " a[NR] ")"}'
