#!/usr/bin/env bash
# Fetch, here, the wheels the GPU machine lacks for training/stanza/gpu_run.sh.
#
# The device image has Python 3.12 with torch, numpy, requests, protobuf, networkx,
# tqdm, regex, colorama and huggingface-hub, but not Stanza and a few of its needs.
# Versions are this checkout's .venv's. The wheels land in the gitignored
# training/stanza/out/wheels (about 2 MB), which the run carries.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
DEST=training/stanza/out/wheels
mkdir -p "$DEST"
"$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
    -d "$DEST" \
    stanza==1.15.0 emoji==2.16.0 orjson==3.13.0 platformdirs==4.14.8 udtools==0.2.9 udapi==0.5.2 termcolor==3.3.0
ls -la "$DEST"
