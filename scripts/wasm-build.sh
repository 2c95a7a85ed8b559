#!/usr/bin/env bash
# Builds the npm package `empreinte` into bindings/wasm/pkg/:
#   pkg/web/     ES module for browsers (wasm-bindgen --target web), every function
#                (feature `report`: report, verify, renderReport)
#   pkg/node/    the same for Node, CommonJS (wasm-bindgen --target nodejs)
#   pkg/widget/  the widget's module, without the report functions (a third of the size),
#                and empreinte_inline.js: that module as a one-char-per-byte string in an
#                ES module, so that the whole widget is in its module graph and starts
#                synchronously (no fetch, no connect-src needed)
# Tools: cargo with the wasm32-unknown-unknown target, wasm-bindgen-cli at the exact
# version of the wasm-bindgen crate in Cargo.lock, wasm-opt from npm's binaryen
# (bindings/wasm/node_modules, `npm install` there). See ../shared/design/toolchain.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO=${CARGO:-cargo}
WASM=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release-wasm/empreinte_wasm.wasm
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

rm -rf "$PKG"

# wasm-bindgen's output, then wasm-opt -Oz (the features rustc enables for this target).
bindgen() { # target dir
    wasm-bindgen "$WASM" --target "$1" --no-typescript --out-dir "$PKG/$2" --out-name empreinte
    "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        "$PKG/$2/empreinte_bg.wasm" -o "$PKG/$2/empreinte_bg.wasm"
}

build() { # cargo arguments
    $CARGO build -p empreinte-wasm --lib --target wasm32-unknown-unknown --profile release-wasm "$@"
}

build --features report
bindgen web web
bindgen nodejs node
# The package is "type": "module"; the Node build is CommonJS.
echo '{"type": "commonjs"}' > "$PKG/node/package.json"

build
bindgen web widget
node bindings/wasm/tools/inline-wasm.mjs "$PKG/widget/empreinte_bg.wasm" "$PKG/widget/empreinte_inline.js"

for dir in web widget; do
    raw=$(wc -c < "$PKG/$dir/empreinte_bg.wasm")
    gz=$(gzip -9 -c "$PKG/$dir/empreinte_bg.wasm" | wc -c)
    echo "wasm-build: $PKG/$dir/empreinte_bg.wasm $raw bytes, $gz gzipped"
done
