#!/usr/bin/env bash
# Smoke test of the packaged app: build with build.spec (PyInstaller, one folder) into a temp folder, then run
# the frozen executables offline, away from the source tree, as a clerk's PC would:
#   ita-desktop-cli new / import the sample / export JSON, DOCX, XLSX and PDF / check; the PDF's Thai text must read back
#   exactly (pdftotext) and its fonts must be embedded; the windowed app must start (offscreen) and stay up;
#   then the bundle's size and what dominates it.
# Not part of pytest (it takes a minute or two). Exits non-zero on the first failure.
#
#   .ci/smoke_frozen.sh                  uses .venv/bin/python if present, else python3
#   PYTHON=/path/to/python .ci/smoke_frozen.sh
#   KEEP=1 .ci/smoke_frozen.sh           keep the temp folder (build, bundle, outputs) for a look
#   SIZE_LIMIT_MB=150 (default)          fail when the unpacked bundle is bigger
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
started=$SECONDS

if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
PYTHON=$(command -v "$PYTHON")
SIZE_LIMIT_MB=${SIZE_LIMIT_MB:-150}

step() { printf '\n=== %s\n' "$*"; }
fail() { printf '\nSMOKE FAILED: %s\n' "$*" >&2; exit 1; }

"$PYTHON" -c "import PyInstaller" 2>/dev/null \
  || fail "$PYTHON has no PyInstaller; install the build extra: $PYTHON -m pip install -e '.[build]'"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ita-smoke.XXXXXX")
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept $TMP"; else rm -rf "$TMP"; fi; }
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------
step "1. build: $PYTHON -m PyInstaller build.spec  (dist and work folders in $TMP)"
if ! "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
      --distpath "$TMP/dist" --workpath "$TMP/build" build.spec >"$TMP/pyinstaller.log" 2>&1; then
  tail -40 "$TMP/pyinstaller.log"
  fail "PyInstaller could not build build.spec (log above)"
fi
BUNDLE="$TMP/dist/ITA Desktop"
CLI="$BUNDLE/ita-desktop-cli"
GUI="$BUNDLE/ITA Desktop"
for exe in "$CLI" "$GUI"; do [ -x "$exe" ] || [ -x "$exe.exe" ] || fail "no executable $exe"; done
[ -x "$CLI" ] || { CLI="$CLI.exe"; GUI="$GUI.exe"; }
echo "built in $((SECONDS - started)) s: $BUNDLE"

# The frozen app runs from a clean environment: a fresh HOME and user-data folder, no PYTHONPATH, a working
# folder outside the source tree, and (where the kernel allows it) no network at all.
RUN="$TMP/run"
mkdir -p "$RUN" "$TMP/home"
cp ita_desktop/samples/sample.json "$RUN/sample.json"
OFFLINE=()
if unshare -rn true 2>/dev/null; then
  OFFLINE=(unshare -rn)
  echo "network: none (unshare -rn), the run is offline"
else
  echo "network: unshare is not available here, so the run is not cut off from the network"
fi
frozen() {  # frozen EXE ARGS... : run a bundled executable in the clean environment, output to the terminal
  (cd "$RUN" && env -i PATH=/usr/bin:/bin HOME="$TMP/home" LANG=C.UTF-8 ITA_DESKTOP_DATA="$TMP/userdata" \
     QT_QPA_PLATFORM=offscreen "${OFFLINE[@]}" "$@")
}

# ---------------------------------------------------------------------------------------------------------
step "2. CLI: new, import the sample, export JSON, check, export DOCX and XLSX"
ORG="องค์การบริหารส่วนตำบลบ้านตัวอย่าง"
frozen "$CLI" --version || fail "ita-desktop-cli --version"
frozen "$CLI" new doc.ita --org "$ORG" --year 2567 --district กะบุรี --province ระนอง || fail "new"
frozen "$CLI" import doc.ita sample.json || fail "import sample.json"
frozen "$CLI" export doc.ita out.json || fail "export JSON"
frozen "$CLI" check doc.ita || fail "check"
"$PYTHON" .ci/check_frozen_outputs.py json "$RUN/sample.json" "$RUN/out.json" \
  || fail "the exported JSON does not hold the imported sample"

frozen "$CLI" export doc.ita plan.docx --doc plan || fail "export DOCX"
frozen "$CLI" export doc.ita plan.xlsx --doc plan || fail "export XLSX"
"$PYTHON" .ci/check_frozen_outputs.py office "$RUN/sample.json" "$RUN/plan.docx" "$RUN/plan.xlsx" \
  || fail "the Word/Excel plans do not hold the sample"

# ---------------------------------------------------------------------------------------------------------
step "3. CLI: export PDFs (plan, progress round 6, analysis) and read their Thai text back"
frozen "$CLI" export doc.ita plan.pdf --doc plan || fail "export plan PDF (has the PDF writer landed?)"
frozen "$CLI" export doc.ita progress.pdf --doc progress --round 6 || fail "export progress PDF"
frozen "$CLI" export doc.ita analysis.pdf --doc analysis || fail "export analysis PDF (with its bar chart)"
"$PYTHON" .ci/check_frozen_outputs.py pdf "$RUN/sample.json" "$RUN/plan.pdf" "$RUN/progress.pdf" "$RUN/analysis.pdf" \
  || fail "the PDFs' Thai text does not read back exactly"
# The same export from the source tree must give the same text (same fonts, same dictionary, same line breaks).
if command -v pdftotext >/dev/null; then
  "$PYTHON" -m ita_desktop export "$RUN/doc.ita" "$TMP/source-plan.pdf" --doc plan >/dev/null \
    || fail "export from source"
  diff <(pdftotext -enc UTF-8 "$TMP/source-plan.pdf" -) <(pdftotext -enc UTF-8 "$RUN/plan.pdf" -) >"$TMP/pdf.diff" \
    || { head -20 "$TMP/pdf.diff"; fail "the frozen app's plan.pdf reads differently from the one built from source"; }
  echo "plan.pdf: text identical, line for line, to the same export run from source"
fi

# ---------------------------------------------------------------------------------------------------------
step "4. GUI: the windowed executable starts (offscreen) and stays up 3 s"
rc=0
frozen timeout -k 5 3 "$GUI" doc.ita >"$TMP/gui.out" 2>&1 || rc=$?
if [ "$rc" = 124 ]; then
  if grep -l -s "Traceback" "$TMP"/userdata/logs/*; then
    cat "$TMP"/userdata/logs/*; fail "the window stayed up but logged an error (above)"
  fi
  echo "the window was up for 3 s (then stopped by timeout), no error in its log"
elif grep -q "window is not built yet" "$TMP/gui.out"; then
  cat "$TMP/gui.out"
  echo "SKIPPED: this version has no window yet (ita_desktop.gui.app is missing)"
else
  cat "$TMP/gui.out"
  fail "the windowed app exited with code $rc within 3 s"
fi

# ---------------------------------------------------------------------------------------------------------
step "5. bundle size (target ≤ $SIZE_LIMIT_MB MB unpacked)"
"$PYTHON" bench/bundle_size.py "$BUNDLE" --top 12 --limit-mb "$SIZE_LIMIT_MB" || fail "the bundle is too big"
du -sh "$BUNDLE"

printf '\nSMOKE OK in %d s: the frozen app builds, works offline, and reads its Thai back.\n' $((SECONDS - started))
