#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (not committed) from the committed hand seeds in
# fuzz/seeds/<target>/ and, for validate_response, every fixture in tests/fixtures.
set -euo pipefail
cd "$(dirname "$0")"
targets=(validate_response odata_filter odata_orderby elasticsearch_query proxy_allowlist session_cookie)
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    if [ -d "seeds/$target" ]; then
        cp seeds/"$target"/* "corpus/$target/"
    fi
done

# validate_response reads: byte 0 = the operation's index in the catalogue sorted by id
# (an operation's fixture folder is named by its id and holds good.json; other folders,
# such as real/ and the spellings, are not operations; LC_ALL=C sorts bytes, as Rust sorts &str), byte 1 =
# the chunking seed, then the body.
index=0
while read -r id; do
    for fixture in ../tests/fixtures/"$id"/*.json; do
        { printf "\\x$(printf %02x "$index")\\x2a"; cat "$fixture"; } >"corpus/validate_response/$id.$(basename "$fixture")"
    done
    index=$((index + 1))
done < <(for good in ../tests/fixtures/*/good.json; do basename "$(dirname "$good")"; done | LC_ALL=C sort)

# The Stock2Shop search answers echo the query they ran (request.body): real searches.
if command -v python3 >/dev/null; then
    for fixture in ../tests/fixtures/stock2shop.search_*/good.json; do
        [ -e "$fixture" ] || continue
        python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["request"]["body"]))' "$fixture" \
            >"corpus/elasticsearch_query/echo.$(basename "$(dirname "$fixture")")" || true
    done
fi
echo "corpus: $(for t in "${targets[@]}"; do printf '%s=%s ' "$t" "$(ls "corpus/$t" | wc -l)"; done)"
