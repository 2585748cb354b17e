# caddy-like has a VOLUME (/data, /config): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/caddy-like/volumes
mkdir -p /var/lib/nap/apps/caddy-like/volumes/data /var/lib/nap/apps/caddy-like/volumes/config
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-caddy-like-1 \
  --replicas=2 \
  --label=nap.app=caddy-like \
  --label=nap.release=1 \
  --container-label=nap.app=caddy-like \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=80 \
  --env-file=/var/lib/nap/apps/caddy-like/env \
  --env=PORT=80 \
  --mount=type=bind,source=/var/lib/nap/apps/caddy-like/volumes/data,target=/data \
  --mount=type=bind,source=/var/lib/nap/apps/caddy-like/volumes/config,target=/config \
  --stop-grace-period=10s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-caddy-like \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/caddy-like:20260102-030405-4b825dc
