#!/usr/bin/env bash
# Builds the npm package `empreinte` into bindings/wasm/pkg/:
#   pkg/web/   ES module for browsers (wasm-bindgen --target web), used by the widget
#   pkg/node/  CommonJS build for Node (wasm-bindgen --target nodejs)
# Tools: cargo with the wasm32-unknown-unknown target, wasm-bindgen-cli at the exact
# version of the wasm-bindgen crate in Cargo.lock, wasm-opt from npm's binaryen
# (bindings/wasm/node_modules, `npm install` there). See ../shared/design/toolchain.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO=${CARGO:-cargo}
WASM=target/wasm32-unknown-unknown/release-wasm/empreinte_wasm.wasm
PKG=bindings/wasm/pkg
WASM_OPT=bindings/wasm/node_modules/.bin/wasm-opt

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
    echo "wasm-bindgen-cli $want is needed (found: ${have:-none}):" >&2
    echo "  cargo install wasm-bindgen-cli --version $want" >&2
    exit 1
fi
if [ ! -x "$WASM_OPT" ]; then
    echo "wasm-opt is missing: run 'npm install' in bindings/wasm (binaryen from npm)" >&2
    exit 1
fi

$CARGO build -p empreinte-wasm --lib --target wasm32-unknown-unknown --profile release-wasm

rm -rf "$PKG"
wasm-bindgen "$WASM" --target web --no-typescript --out-dir "$PKG/web" --out-name empreinte
wasm-bindgen "$WASM" --target nodejs --no-typescript --out-dir "$PKG/node" --out-name empreinte
# The package is "type": "module"; the Node build is CommonJS.
echo '{"type": "commonjs"}' > "$PKG/node/package.json"

for dir in web node; do
    "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        "$PKG/$dir/empreinte_bg.wasm" -o "$PKG/$dir/empreinte_bg.wasm"
done

raw=$(wc -c < "$PKG/web/empreinte_bg.wasm")
gz=$(gzip -9 -c "$PKG/web/empreinte_bg.wasm" | wc -c)
echo "wasm-build: $PKG/web/empreinte_bg.wasm $raw bytes, $gz gzipped"
