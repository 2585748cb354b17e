# redis-like has a VOLUME (/data): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/redis-like/volumes
mkdir -p /var/lib/nap/apps/redis-like/volumes/data
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-redis-like-1 \
  --replicas=2 \
  --label=nap.app=redis-like \
  --label=nap.release=1 \
  --container-label=nap.app=redis-like \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=6379 \
  --env-file=/var/lib/nap/apps/redis-like/env \
  --env=PORT=6379 \
  --mount=type=bind,source=/var/lib/nap/apps/redis-like/volumes/data,target=/data \
  --stop-grace-period=10s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-redis-like \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/redis-like:20260102-030405-4b825dc
