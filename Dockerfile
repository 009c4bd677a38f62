# syntax=docker/dockerfile:1
# The order service and the built app in one image: the same steps CI runs (npm ci, npm run build; npm ci --omit=dev
# for the runtime), then plain `node dist-server/main.js` as an unprivileged user. Put a TLS reverse proxy in front
# (README § Deployment); keep /data on a volume and back it up.

ARG NODE_IMAGE=node:22-bookworm-slim

# Compilers only for the case where better-sqlite3 has no prebuilt binary for this platform.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# 1. Build: every dependency, then the app (dist/) and the server as JavaScript (dist-server/).
FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Runtime dependencies only.
FROM toolchain AS runtime-deps
RUN npm ci --omit=dev --no-audit --no-fund

# 3. The image: no compilers, no sources, no dev tools; runs as the image's 'node' user.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/dist ./dist
COPY --from=build /app/dist-server ./dist-server
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Liveness. A load balancer should use /api/ready instead: it turns 503 as soon as SIGTERM starts the drain.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist-server/main.js"]
