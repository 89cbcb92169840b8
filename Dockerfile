# Production image: one image, two roles (api or worker), chosen by the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
RUN groupadd --system paperboy && useradd --system --gid paperboy paperboy
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/libs/ingest/sample ./libs/ingest/sample
USER paperboy
EXPOSE 3000
# Default role: the HTTP API. The worker service overrides the command.
CMD ["node", "dist/apps/api/src/main.js"]
