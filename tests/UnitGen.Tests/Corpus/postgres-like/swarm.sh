# postgres-like has a VOLUME (/var/lib/postgresql/data): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/postgres-like/volumes
mkdir -p /var/lib/nap/apps/postgres-like/volumes/var-lib-postgresql-data
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-postgres-like-1 \
  --replicas=2 \
  --label=nap.app=postgres-like \
  --label=nap.release=1 \
  --container-label=nap.app=postgres-like \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=5432 \
  --env-file=/var/lib/nap/apps/postgres-like/env \
  --env=PORT=5432 \
  --mount=type=bind,source=/var/lib/nap/apps/postgres-like/volumes/var-lib-postgresql-data,target=/var/lib/postgresql/data \
  --stop-signal=SIGINT \
  --stop-grace-period=10s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-postgres-like \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/postgres-like:20260102-030405-4b825dc
