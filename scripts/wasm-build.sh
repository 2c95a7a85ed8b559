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
    echo "wasm-opt is missing: run 'make wasm-deps' (npm ci in bindings/wasm: binaryen from npm)" >&2
    exit 1
fi

# wasm-bindgen's output, then wasm-opt -Oz (the features rustc enables for this target).
bindgen() { # input target dir
    wasm-bindgen "$1" --target "$2" --no-typescript --out-dir "$PKG/$3" --out-name empreinte
    "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        "$PKG/$3/empreinte_bg.wasm" -o "$PKG/$3/empreinte_bg.wasm"
}

build() { # cargo arguments
    $CARGO build -p empreinte-wasm --lib --target wasm32-unknown-unknown --profile release-wasm "$@"
}

# cargo decides what is up to date; its two modules are kept aside (the second build writes
# the same path), and the slow part (wasm-bindgen, wasm-opt -Oz) runs again only when one of
# them, this script, the inliner or a tool's version changed (rm -rf bindings/wasm/pkg forces it).
build --features report
cp "$WASM" "${WASM%.wasm}.report.wasm"
build
cp "$WASM" "${WASM%.wasm}.widget.wasm"
key=$(cat "${WASM%.wasm}.report.wasm" "${WASM%.wasm}.widget.wasm" "${BASH_SOURCE[0]}" \
    bindings/wasm/tools/inline-wasm.mjs bindings/wasm/node_modules/binaryen/package.json | sha256sum)
key="$key wasm-bindgen $want"
if [ -f "$PKG/.build-key" ] && [ "$(cat "$PKG/.build-key")" = "$key" ]; then
    echo "wasm-build: $PKG is up to date (the same modules, tools and script)"
    exit 0
fi

rm -rf "$PKG"
bindgen "${WASM%.wasm}.report.wasm" web web
bindgen "${WASM%.wasm}.report.wasm" nodejs node
# The package is "type": "module"; the Node build is CommonJS.
echo '{"type": "commonjs"}' > "$PKG/node/package.json"

bindgen "${WASM%.wasm}.widget.wasm" web widget
node bindings/wasm/tools/inline-wasm.mjs "$PKG/widget/empreinte_bg.wasm" "$PKG/widget/empreinte_inline.js"

for dir in web widget; do
    raw=$(wc -c < "$PKG/$dir/empreinte_bg.wasm")
    gz=$(gzip -9 -c "$PKG/$dir/empreinte_bg.wasm" | wc -c)
    echo "wasm-build: $PKG/$dir/empreinte_bg.wasm $raw bytes, $gz gzipped"
done
echo "$key" > "$PKG/.build-key"
