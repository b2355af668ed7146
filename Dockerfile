# The motcua node image: api, external-task workers and the one-shot setup, from the same sources.
# Two stages: the first installs everything and builds the web app (modeler-ui/dist) and the server bundles
# (dist/server/bin, `npm run build:server`); the second carries only the production dependencies of the
# server's workspaces, the bundles, the web app and the data folders, and runs plain Node (no TypeScript
# loader). The command picks the role (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY domain/package.json domain/
COPY api/package.json api/
COPY engine-workers/package.json engine-workers/
COPY modeler-ui/package.json modeler-ui/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:ui && npm run build:server

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production API_HOST=0.0.0.0
COPY package.json package-lock.json ./
COPY domain/package.json domain/
COPY api/package.json api/
COPY engine-workers/package.json engine-workers/
COPY modeler-ui/package.json modeler-ui/
RUN npm ci --omit=dev --workspace=domain --workspace=api --workspace=engine-workers --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/server dist/server
COPY --from=build /app/modeler-ui/dist modeler-ui/dist
COPY processes processes
COPY forms forms
RUN useradd --system --uid 10001 motcua && mkdir -p /app/.data && chown motcua /app/.data
USER motcua
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/server/bin/api.mjs"]
