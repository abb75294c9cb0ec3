#!/usr/bin/env bash
# Background extraction with curl: posts a document as a data URI with `background: true`, polls
# the run every second until it is terminal, then prints its output (or its error).
# Usage: DOCKET_API_KEY=... [DOCKET_BASE_URL=http://127.0.0.1:8080] examples/extract-background.sh [FILE] [SCHEMA]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
file="${1:-$here/invoice.pdf}"
schema="${2:-$here/invoice.schema.json}"
base="${DOCKET_BASE_URL:-http://127.0.0.1:8080}"
: "${DOCKET_API_KEY:?set DOCKET_API_KEY (create one with: npm run docket -- keys create)}"

# json_get FIELD: reads JSON on stdin, prints one field (jq when present, else node).
json_get() {
  if command -v jq >/dev/null 2>&1; then jq -r "$1 // empty"
  else node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split(".").filter(Boolean))v=v==null?v:v[k];if(v!=null)console.log(typeof v==="string"?v:JSON.stringify(v,null,2))})' "$1"
  fi
}

case "$file" in
  *.pdf) mime=application/pdf ;; *.png) mime=image/png ;; *.jpg|*.jpeg) mime=image/jpeg ;;
  *.txt) mime=text/plain ;; *.html) mime=text/html ;; *) mime=application/octet-stream ;;
esac
body="$(mktemp)"
trap 'rm -f "$body"' EXIT
{
  printf '{"document":{"filename":"%s","url":"data:%s;base64,' "$(basename "$file")" "$mime"
  base64 < "$file" | tr -d '\n'
  printf '"},"json_schema":'
  cat "$schema"
  printf ',"model":"retab-small","background":true}'
} > "$body"

created="$(curl -sS --fail-with-body -X POST "$base/v1/extractions" \
  -H "Authorization: Bearer $DOCKET_API_KEY" -H 'Content-Type: application/json' --data-binary @"$body")"
id="$(printf '%s' "$created" | json_get .id)"
echo "created $id ($(printf '%s' "$created" | json_get .status))" >&2

while :; do
  run="$(curl -sS --fail-with-body "$base/v1/extractions/$id" -H "Authorization: Bearer $DOCKET_API_KEY")"
  status="$(printf '%s' "$run" | json_get .status)"
  case "$status" in
    completed) printf '%s' "$run" | json_get .output; exit 0 ;;
    failed) echo "failed: $(printf '%s' "$run" | json_get .error.code): $(printf '%s' "$run" | json_get .error.message)" >&2; exit 1 ;;
    cancelled) echo "cancelled" >&2; exit 130 ;;
    *) echo "$status $(printf '%s' "$run" | json_get .progress.stage)" >&2; sleep 1 ;;
  esac
done
