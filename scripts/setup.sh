#!/usr/bin/env bash
# Create .venv (if missing) and install lvnews with the given extras into it.
# Usage: scripts/setup.sh [EXTRAS]   e.g. scripts/setup.sh dev
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# Stanza needs torch; this exact pin takes the CPU wheel that lies on this kind
# of machine, where an unpinned torch would download gigabytes of CUDA builds.
if [[ "$extras" == *dev* || "$extras" == *stanza* ]]; then
  .venv/bin/python -m pip install -q "torch==2.13.0"
fi
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install -q -e ".[$extras]"
else
  .venv/bin/python -m pip install -q -e .
fi
