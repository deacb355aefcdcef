#!/usr/bin/env bash
# Set up a fresh machine for oir-bpmn: system packages (Graphviz, fonts, Chromium, Node.js),
# the Python virtualenv, and the npm packages of the real-client checks (bundling the Camunda
# linter). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
[ -n "$(fc-list 'DejaVu Sans' 2>/dev/null)" ] || missing+=(fonts-dejavu-core)
# emoji in labels (📚): Graphviz (cairo) and Chromium draw them in colour with this font, not as boxes
[ -n "$(fc-list 'Noto Color Emoji' 2>/dev/null)" ] || missing+=(fonts-noto-color-emoji)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-impress)  # the tests render the deck
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages first: ${missing[*]}" >&2
    echo "  Debian/Ubuntu: sudo apt-get install ${missing[*]}" >&2
    echo "  macOS: brew install graphviz node && install Chromium" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

# The real-client checks (bpmn-moddle, bpmnlint, bpmn-js, playwright-core) from the lock file;
# playwright-core downloads no browser: the tests drive the Chromium installed above.
if ! npm ls --prefix tools/clients --depth=0 >/dev/null 2>&1; then
  npm ci --prefix tools/clients --no-audit --no-fund --loglevel=error
fi
# @camunda/linting (Camunda Modeler's problems panel) ships bundler-style ESM: bundle it for node.
tools/clients/node_modules/.bin/esbuild tools/clients/camunda-lint.src.mjs --bundle --platform=node \
  --format=esm --log-level=warning --outfile=tools/clients/build/camunda-lint.mjs
