#!/usr/bin/env bash
# The README's pictures of each document, made from the example workshop (examples/make_workshop.py):
# the web page as Chromium draws it at 390 pixels (a phone) and 1000, page 1 of the Word report
# and of the printed page as LibreOffice and Chromium print them, a slide of the board pack, and
# the picture for a slide. Needs chromium, LibreOffice (writer and impress) and poppler-utils.
# Run from the repository: bash docs/pictures/make.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python="${PYTHON:-.venv/bin/python}"
"$python" examples/make_workshop.py "$work/ws"
spreadkit() { "$python" -m spreadkit "$@"; }
title="Virtual wards: baseline"
spreadkit team "$work/ws/baseline" --title "$title" -o "$work/team.html" 2>/dev/null
spreadkit team "$work/ws/baseline" --title "$title" -o "$work/team.docx" 2>/dev/null
spreadkit team "$work/ws/baseline" --title "$title" -o "$work/team.pptx" 2>/dev/null
spreadkit team "$work/ws/baseline" --title "$title" -o "$here/team-picture.png" --force 2>/dev/null
chrome=(chromium --headless --no-sandbox --disable-gpu --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars "--user-data-dir=$work/profile")
"${chrome[@]}" --window-size=1000,1300 --screenshot="$here/team-page.png" "file://$work/team.html"
"${chrome[@]}" --window-size=390,1100 --screenshot="$here/team-phone.png" "file://$work/team.html"
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$work/printed.pdf" "file://$work/team.html"
soffice --headless --convert-to pdf --outdir "$work/word" "$work/team.docx" >/dev/null
soffice --headless --convert-to pdf --outdir "$work/slides" "$work/team.pptx" >/dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/word/team.pdf" "$here/team-word"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/printed.pdf" "$here/team-printed"
pdftoppm -png -r 45 -f 2 -l 2 -singlefile "$work/slides/team.pdf" "$here/team-slide"
