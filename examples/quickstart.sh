#!/usr/bin/env bash
# Set up lvnews in .venv and run the main job on the bundled model:
# analyse the example article and print a summary, then the JSON record.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/lvnews info
.venv/bin/lvnews analyze examples/article.txt --format text
.venv/bin/lvnews analyze examples/article.txt --format json > examples/article.json
echo "JSON record written to examples/article.json"
