#!/usr/bin/env bash
# The real training run, on the GPU machine: train the four models, package them (float16)
# and leave in $OUT what comes back: tokenize.pt pos.pt lemma.pt depparse.pt,
# train-report.json, train.log and logs.tgz (7 files, each well under 16 MB).
#
# Needs the carried training/stanza/out/data (prepare.py, run here: the corpus does not
# travel) and training/stanza/out/wheels (wheels.sh: Stanza is not in the device image).
# Extra arguments go to train.py (e.g. --budget pos=200,depparse=200). Then, here:
#   .venv/bin/python training/stanza/package.py --models <files_at> --dest models/stanza --clean
set -uo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-python3}
OUT=${OUT:?set OUT to the folder that comes back}
DEVICE=${DEVICE:-cuda}
MODELS=${MODELS:-training/stanza/out/models}
export PYTHONUNBUFFERED=1
if ! "$PY" -c "import stanza" 2>/dev/null; then
    "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site \
        training/stanza/out/wheels/*.whl || exit 1
    export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
fi
"$PY" -c "import stanza, torch; print('stanza', stanza.__version__, 'torch', torch.__version__, 'cuda', torch.cuda.is_available())" || exit 1
start=$(date +%s)
"$PY" training/stanza/train.py --device "$DEVICE" --retag --out "$MODELS" "$@" > "$OUT/train.log" 2>&1
rc=$?
grep -h "train.py\]\|Best dev\|Dev score\|dev_score\|Dev F1\|Finished STEP 100/\|Step    500/" "$OUT/train.log" | tail -40
echo "train.py exit $rc after $(( $(date +%s) - start ))s"
"$PY" training/stanza/package.py --models "$MODELS" --dest /tmp/lvnews-stanza --clean > "$MODELS/package.log" 2>&1
prc=$?
cat "$MODELS/package.log"
for p in tokenize pos lemma depparse; do
    [ -f "/tmp/lvnews-stanza/lv/$p/lvnews.pt" ] && cp "/tmp/lvnews-stanza/lv/$p/lvnews.pt" "$OUT/$p.pt"
done
[ -f "$MODELS/train-report.json" ] && cp "$MODELS/train-report.json" "$OUT/"
(cd "$MODELS" && tar czf "$OUT/logs.tgz" --exclude='*.pt' --exclude='*.conllu' .)
ls -la "$OUT"
exit $(( rc != 0 ? rc : prc ))
