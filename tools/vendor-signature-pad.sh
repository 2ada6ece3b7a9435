#!/usr/bin/env bash
# Vendors signature_pad from the npm registry into wwwroot (no CDN): the UMD build and its licence, at a pinned version.
# Usage: tools/vendor-signature-pad.sh 5.1.4
set -euo pipefail
version="${1:?give the version, e.g. 5.1.4}"
target="$(cd "$(dirname "$0")/.." && pwd)/src/MicroNeedling.Web/wwwroot/lib/signature_pad"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "signature_pad@$version" >/dev/null && tar xzf signature_pad-*.tgz)
mkdir -p "$target"
cp "$work/package/dist/signature_pad.umd.min.js" "$work/package/LICENSE" "$target/"
sed -i "s/^# signature_pad .*/# signature_pad $version/; s/signature_pad@[0-9.]*/signature_pad@$version/" "$target/VERSION.md"
echo "signature_pad $version vendored into $target"
