#!/usr/bin/env bash
# The report's HTML in a real browser: headless Chromium renders the example reports (French
# and English), keeps a screenshot and an A4 PDF under artifacts/, and the key figures are read
# back from the DOM and compared with figures computed here, independently, from the report
# JSON (Python), in the language's typography. The payload digest is recomputed here too, by a
# few lines of Python (RFC 8785 with ECMAScript numbers): a buyer needs no Empreinte for it.
#
#   tests/browser/report_html.sh            (make report-browser)
#
# Needs: chromium (Debian's; never a downloaded browser; CHROMIUM=path to choose one), python3,
# cargo. Without chromium the check fails, saying so (./scripts/test-all installs it;
# EMPREINTE_SKIP=report-browser skips it there).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ] || [ ! -x "$CHROMIUM" ]; then
    echo "report_html: FAILED, chromium is missing${CHROMIUM:+ (CHROMIUM=$CHROMIUM is not an executable)}:" \
        "apt-get install -y --no-install-recommends chromium fonts-liberation, or ./scripts/test-all" >&2
    exit 1
fi
FLAGS=(--headless --no-sandbox --disable-gpu --disable-background-networking
    --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage
    --virtual-time-budget=5000)

ART=artifacts/report-html
mkdir -p "$ART"
# --workspace: the selection (and features) of make py-test, so that neither rebuilds the other
cargo build -q --workspace --bin empreinte
BIN=target/debug/empreinte

passed=0
failed=0
check() { # name, command...
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $name"
    fi
}

for example in city-digital-twin-local-server jean-zay-training-cloud-inference; do
    json="$ART/$example.json"
    "$BIN" report "examples/$example.toml" -o "$json" \
        --report-id 0b7f3c5e-2a41-4d8e-9c3f-5a6b7c8d9e01 --generated-at 2026-01-15T09:30:00Z
    check "$example verify" "$BIN" verify "$json"
    for lang in fr en; do
        html="$ART/$example.$lang.html"
        "$BIN" render "$json" --format html --lang "$lang" -o "$html"
        url="file://$PWD/$html"
        "$CHROMIUM" "${FLAGS[@]}" --dump-dom "$url" > "$ART/$example.$lang.dom.html" 2>/dev/null
        "$CHROMIUM" "${FLAGS[@]}" --window-size=1280,2400 --screenshot="$ART/$example.$lang.png" \
            "$url" >/dev/null 2>&1
        "$CHROMIUM" "${FLAGS[@]}" --no-pdf-header-footer --print-to-pdf="$ART/$example.$lang.pdf" \
            "$url" >/dev/null 2>&1
        check "$example $lang screenshot" test -s "$ART/$example.$lang.png"
        check "$example $lang pdf" test -s "$ART/$example.$lang.pdf"
        check "$example $lang figures" python3 - "$json" "$ART/$example.$lang.dom.html" "$lang" \
            "$ART/$example.$lang.pdf" <<'PY'
import hashlib, html, json, math, re, sys

report, dom_path, lang, pdf_path = sys.argv[1:5]
r = json.load(open(report))
dom = open(dom_path, encoding="utf-8").read()
NBSP, NNBSP = "\u00a0", "\u202f"

def group(int_part):
    sep = NNBSP if lang == "fr" else ","
    out = ""
    for i, ch in enumerate(int_part):
        if i and (len(int_part) - i) % 3 == 0:
            out += sep
        out += ch
    return out

def significant(v):
    # three significant digits, at least two decimals below 100 (as the renderings state)
    a = abs(v)
    if a >= 1000:
        d = 0
    elif a >= 100 or a == 0:
        d = 2
    else:
        d = max(2, 2 - math.floor(math.log10(a)))
    text = f"{a:.{d}f}"
    i, _, f = text.partition(".")
    s = group(i) + ((("," if lang == "fr" else ".") + f) if f else "")
    return ("-" if v < 0 else "") + s

def scaled(v, units):
    for limit, factor, unit in units:
        if abs(v) < limit:
            return significant(v * factor) + NBSP + unit
    return significant(v / 1e6) + NBSP + units[-1][2]

def energy(kwh):
    return scaled(kwh, [(1, 1000, "Wh"), (1e3, 1, "kWh"), (1e6, 1e-3, "MWh"), (math.inf, 1e-6, "GWh")])

def co2e(g):
    return scaled(g, [(1, 1000, "mgCO₂e"), (1e3, 1, "gCO₂e"), (1e6, 1e-3, "kgCO₂e"), (math.inf, 1e-6, "tCO₂e")])

def figure(name):
    m = re.search(r'data-figure="%s">([^<]*)<' % name, dom)
    return html.unescape(m.group(1)) if m else None

def es_number(x):
    # ECMAScript Number::toString, as RFC 8785 requires (Python's repr gives the digits)
    if isinstance(x, bool) or not math.isfinite(x):
        raise ValueError(x)
    if x == 0:
        return "0"
    m = re.match(r"-?(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$", repr(float(x)))
    whole = m.group(1) + (m.group(2) or "")
    lead = len(whole) - len(whole.lstrip("0"))
    digits = whole.strip("0")
    n = len(m.group(1)) + int(m.group(3) or 0) - lead
    k = len(digits)
    sign = "-" if x < 0 else ""
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    return sign + digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))

def jcs(v):
    if v is None or isinstance(v, bool):
        return json.dumps(v)
    if isinstance(v, (int, float)):
        return es_number(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
    return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + jcs(v[k]) for k in keys) + "}"

payload = json.loads(json.dumps(r))
for member in ("integrity", "report_id", "generated_at"):
    payload.pop(member)
payload["tool"].pop("target")
digest = hashlib.sha256(jcs(payload).encode("utf-8")).hexdigest()

total = r["results"]["total"]
expected = {
    "energy_kwh": energy(float(total["energy_kwh"]["total"])),
    "operational_co2e_g": co2e(float(total["operational_co2e_g"]["total"])),
    "total_co2e_g": co2e(float(total["total_co2e_g"]["value"]["co2e_g"])),
    "payload_sha256": r["integrity"]["payload_sha256"],
}
errors = []
if digest != r["integrity"]["payload_sha256"]:
    errors.append(f"payload_sha256 recomputed here (Python, RFC 8785) is {digest}")
for name, want in expected.items():
    got = figure(name)
    if got != want:
        errors.append(f"{name}: DOM has {got!r}, the JSON gives {want!r}")
if f'<html lang="{lang}">' not in dom:
    errors.append("lang attribute")
if dom.count("<svg") != 3:
    errors.append(f"{dom.count('<svg')} charts")
if "empreinte verify" not in dom:
    errors.append("verify command")
pdf = open(pdf_path, "rb").read()
# A4 is 595 × 842 points
if not re.search(rb"/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]", pdf):
    errors.append("PDF pages are not A4")
for e in errors:
    print(f"{report} ({lang}): {e}")
sys.exit(1 if errors else 0)
PY
    done
done

echo "report_html: artefacts in $ART"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
