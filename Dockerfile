# The motcua node image: api, external-task workers and the one-shot setup, from the same sources.
# The command picks the role (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY domain/package.json domain/
COPY api/package.json api/
COPY engine-workers/package.json engine-workers/
RUN npm ci --no-audit --no-fund
COPY . .
RUN useradd --system --uid 10001 motcua && mkdir -p /app/.data && chown motcua /app/.data
USER motcua
ENV NODE_ENV=production API_HOST=0.0.0.0
EXPOSE 3000
CMD ["node", "--import", "tsx", "api/src/server.ts"]
