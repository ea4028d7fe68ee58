#!/bin/sh
# Stand-in for Prisma's native schema engine, which the Prisma CLI downloads from a host that is not
# reachable on our machines. `prisma generate` only needs the path to exist; commands that would run
# the engine (migrate dev/deploy, db push) fail here with this message instead of a download error.
echo "schema-engine: the native engine is not installed; author migrations with 'npm run db:migrate:new -- <name>' (WASM engine); Eventplane applies them itself at startup" >&2
exit 1
