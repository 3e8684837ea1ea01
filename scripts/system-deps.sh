#!/usr/bin/env bash
# Installs the Debian packages Jixiao needs, or prints the command when not root.
#   scripts/system-deps.sh run    what serving needs (WeasyPrint's Pango, CJK fonts, gettext)
#   scripts/system-deps.sh test   also Chromium for the browser tests and poppler for PDFs
set -euo pipefail
mode="${1:-run}"
python="${PYTHON:-python3}"

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext)
if [ "$mode" = "test" ]; then
  packages+=(chromium poppler-utils)
fi
if ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Jixiao needs these packages (Debian names): ${missing[*]}" >&2
  echo "Install them with your system's package manager, then run make again." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Jixiao needs these Debian packages. Run, then run make again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
