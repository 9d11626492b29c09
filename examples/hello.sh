#!/bin/sh
# A small workload to watch under scall: a pipeline, a file read, a failed open.
echo "hello from $(uname -s)" | tr a-z A-Z
head -c 64 /etc/os-release >/dev/null
cat /nonexistent 2>/dev/null || echo "cat failed as expected"
