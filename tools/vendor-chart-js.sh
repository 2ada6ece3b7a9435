#!/usr/bin/env bash
# Vendors Chart.js from the npm registry into wwwroot (no CDN): the UMD build and its licence, at a pinned version.
# Usage: tools/vendor-chart-js.sh 4.6.2
set -euo pipefail
version="${1:?give the version, e.g. 4.6.2}"
target="$(cd "$(dirname "$0")/.." && pwd)/src/MicroNeedling.Web/wwwroot/lib/chart.js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --loglevel=warn "chart.js@$version" >/dev/null && tar xzf chart.js-*.tgz)
mkdir -p "$target"
cp "$work/package/dist/chart.umd.min.js" "$work/package/LICENSE.md" "$target/"
# The source map is not vendored; drop the comment that points at it, so no browser asks for a missing file.
sed -i '/^\/\/# sourceMappingURL=/d' "$target/chart.umd.min.js"
cat > "$target/VERSION.md" <<NOTE
# Chart.js $version

Vendored from the npm registry (no CDN): \`npm pack chart.js@$version\`, file \`package/dist/chart.umd.min.js\`
and \`package/LICENSE.md\` (MIT, Chart.js Contributors); the sourceMappingURL comment removed (the map is not vendored). Update with \`tools/vendor-chart-js.sh <version>\`.
The reports page loads it from 'self' and \`wwwroot/js/reports.js\` draws the charts from a JSON island.
NOTE
echo "Chart.js $version vendored into $target"
