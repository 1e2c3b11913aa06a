#!/usr/bin/env bash
# Installs the Claude Code CLI in a task container (Debian/Ubuntu based images); run as root.
set -euo pipefail
if ! command -v npm >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nodejs npm >/dev/null
fi
npm install -g --silent @anthropic-ai/claude-code
command -v claude
