#!/usr/bin/env bash
# make dist-test: the built bundle and .deb, checked as an offline workstation would use them.
# Each program run gets a clean environment (env -i, HOME in a temporary folder, PATH without
# the project's Python) and, where the kernel allows, no network (a fresh network namespace).
set -uo pipefail
version="$1"
cd "$(dirname "$0")/.."
bundle="$PWD/dist/annotator"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
nonet=()
if unshare -n true 2>/dev/null; then nonet=(unshare -n); fi
passed=0 failed=0

clean() {  # run a command with nothing of ours in its environment
  env -i HOME="$tmp/home" PATH=/usr/bin:/bin LANG=C.UTF-8 "${nonet[@]}" "$@"
}
check() {  # check NAME COMMAND...: one line per check
  local name="$1"; shift
  local log="$tmp/log"
  if "$@" >"$log" 2>&1; then
    echo "ok    $name"; passed=$((passed + 1))
  else
    echo "FAIL  $name"; sed 's/^/      /' "$log"; failed=$((failed + 1))
  fi
}
contains() { grep -q -- "$2" "$1"; }

mkdir -p "$tmp/home" "$tmp/work"
echo "dist-test: bundle $bundle, network: ${nonet[*]:-not isolated (unshare -n unavailable)}"
check "nothing forbidden in the bundle, hazm data present" \
  .venv/bin/python packaging/check_bundle.py "$bundle"
said="$(clean "$bundle/annotator" --version 2>&1)"
check "--version says $version" test "$said" = "annotator $version"
check "--self-test passes" clean "$bundle/annotator" --self-test

# The command-line round trip on the sample inside the bundle.
project="$tmp/work/round.annot"
sample="$bundle/_internal/resources/samples/interview-fa.txt"
check "new" clean "$bundle/annotator" --analyst tester new "$project" --normalize hazm
check "import the sample" clean "$bundle/annotator" --analyst tester import "$project" "$sample"
check "export jsonl" clean "$bundle/annotator" export "$project" --format jsonl \
  -o "$tmp/work/out.jsonl"
check "the export holds the sample, normalized by hazm" bash -c \
  "[ \$(wc -l < '$tmp/work/out.jsonl') = 1 ] && grep -q '\"title\": \"interview-fa\"' '$tmp/work/out.jsonl' \
   && grep -q 'می‌پردازند' '$tmp/work/out.jsonl'"
check "suggest accepts the rules' suggestions" clean "$bundle/annotator" --analyst tester \
  suggest "$project" --accept
check "learn trains and stores the model (python-crfsuite in the bundle)" clean bash -c \
  "'$bundle/annotator' --analyst tester learn '$project' --json | grep -q '\"accuracy\"'"
check "suggest runs with the learned model" clean "$bundle/annotator" suggest "$project" --json
check "suggest --next names a sentence or says there is none" clean "$bundle/annotator" \
  suggest "$project" --next --json
check "check finds no fault" clean "$bundle/annotator" check "$project"

# One saved web page, Word file and PDF (made by the tests' writers), imported by the bundle.
check "write a web page, a .docx and a PDF" .venv/bin/python -c "
import sys; from pathlib import Path; sys.path.insert(0, 'tests/documents')
import document_files as d
w = Path('$tmp/work'); d.write_page(w / 'news.html'); d.write_docx(w / 'report.docx')
d.write_pdf_visual(w / 'transcript.pdf')"
for kind in news.html report.docx transcript.pdf; do
  check "import $kind" clean "$bundle/annotator" import "$project" "$tmp/work/$kind"
done
# The PDF holds the page's article, so it is the page's document: three records in all.
check "export holds the documents and their metadata" bash -c \
  "'$bundle/annotator' export '$project' --format jsonl -o '$tmp/work/docs.jsonl' >/dev/null \
   && [ \$(wc -l < '$tmp/work/docs.jsonl') = 3 ] && grep -q 'مریم احمدی' '$tmp/work/docs.jsonl' \
   && grep -q 'Aqua-Tech' '$tmp/work/docs.jsonl'"

# The .deb, unpacked into a temporary root and run from there.
deb="dist/annotator_${version}_$(dpkg --print-architecture).deb"
root="$tmp/root"
check "the .deb unpacks" dpkg-deb -x "$deb" "$root"
check "the .deb has the menu entry, icon and command" bash -c \
  "test -f '$root/usr/share/applications/annotator.desktop' \
   && test -f '$root/usr/share/icons/hicolor/256x256/apps/annotator.png' \
   && test -L '$root/usr/bin/annotator' && test -x '$root/opt/annotator/annotator'"
said="$(clean "$root/usr/bin/annotator" --version 2>&1)"
check "the .deb's annotator --version" test "$said" = "annotator $version"
check "the .deb's annotator --self-test" clean "$root/usr/bin/annotator" --self-test

# Install and remove into a private dpkg database: removal must leave no file behind.
admin="$tmp/dpkgroot"
mkdir -p "$admin/var/lib/dpkg/updates" "$admin/var/lib/dpkg/info" && touch "$admin/var/lib/dpkg/status"
check "dpkg installs and removes it leaving nothing" bash -c "
  dpkg --root='$admin' --force-depends --force-script-chrootless -i '$deb' >/dev/null &&
  test -x '$admin/opt/annotator/annotator' &&
  dpkg --root='$admin' --force-depends --force-script-chrootless --purge annotator >/dev/null &&
  left=\$(find '$admin' -mindepth 1 -not -path '$admin/var*' -type f | head -5) &&
  [ -z \"\$left\" ] || { echo \"left behind: \$left\"; exit 1; }"

echo "dist-test: $passed passed, $failed failed"
[ "$failed" = 0 ]
