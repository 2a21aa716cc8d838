#!/usr/bin/env bash
# Runs, one after another on an otherwise idle machine, these measurements quoted in docs/: the
# time to reach validation PIT-MAE 0.05 for the PyTorch reference and for Unstacker, inference
# latency and throughput for both, the multi-threaded soak, and the short loss and output-mode
# comparisons. Results go to runs/measurements/. The reference is a separate Python script that is
# not shipped in this repository, and REFERENCE_SCRIPT gives its path. It needs a Python virtual
# environment with torch 2.13.0 and numpy, by default in ~/unstacker-ref (REFERENCE_PYTHON
# overrides its path).
set -euo pipefail
cd "$(dirname "$0")/.."

export OPT_OUT_TRACKING=true DJL_OFFLINE=true
python="${REFERENCE_PYTHON:-$HOME/unstacker-ref/bin/python}"
reference="${REFERENCE_SCRIPT:-../shared/bench/pytorch_reference.py}"
out=runs/measurements
mkdir -p "$out"

./unstacker help > /dev/null   # builds the project first if needed

echo "== reference: time to validation PIT-MAE 0.05"
"$python" "$reference" --target-mae 0.05 --epochs 10 | tee "$out/reference-time-to-target.txt"

echo "== unstacker: time to validation PIT-MAE 0.05 (default settings)"
./unstacker experiment --stop-at 0.05 --out "$out/time-to-target" 2>&1 | grep -v '%' | tee "$out/unstacker-time-to-target.txt"

echo "== reference: inference"
"$python" "$reference" --inference-only | tee "$out/reference-inference.txt"

echo "== unstacker: inference latency and batch throughput"
./unstacker benchmark latency ${MODEL:+--model "$MODEL"} 2>/dev/null | tail -1 | tee "$out/unstacker-latency.json"

echo "== unstacker: soak, 8 threads x 10,000 separations"
./unstacker benchmark soak ${MODEL:+--model "$MODEL"} 2>/dev/null | tail -1 | tee "$out/unstacker-soak.json"

echo "== short comparisons: 10,000 mixtures, 2 epochs, width 16"
# The loss table in docs/results.md used the mixture-consistent output, the default for two sources
# when it was measured.
for loss in l1 l2 ssim cosine; do
  ./unstacker experiment --pairs 10000 --epochs 2 --width 16 --blocks 1 --output consistent \
    --loss "$loss" --out "$out/loss-$loss" 2>&1 | grep -E 'Test PIT-MAE' | tee "$out/loss-$loss.txt"
done
./unstacker experiment --pairs 10000 --epochs 2 --width 16 --blocks 1 --output free \
  --out "$out/output-free" 2>&1 | grep -E 'Test PIT-MAE' | tee "$out/output-free.txt"
