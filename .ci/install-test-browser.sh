#!/usr/bin/env bash
# The console's browser test (ConsoleBrowserTest) drives Debian's Chromium through Debian's chromedriver; Selenium
# is pointed at both and downloads nothing. Installs them when either is missing (as root, or with sudo).
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium chromium-driver > /dev/null
/usr/bin/chromium --version
