# minio-like has a VOLUME (/data, /etc/store): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/minio-like/volumes
mkdir -p /var/lib/nap/apps/minio-like/volumes/data /var/lib/nap/apps/minio-like/volumes/etc-store
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-minio-like-1 \
  --replicas=2 \
  --label=nap.app=minio-like \
  --label=nap.release=1 \
  --container-label=nap.app=minio-like \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=9000 \
  --env-file=/var/lib/nap/apps/minio-like/env \
  --env=PORT=9000 \
  --mount=type=bind,source=/var/lib/nap/apps/minio-like/volumes/data,target=/data \
  --mount=type=bind,source=/var/lib/nap/apps/minio-like/volumes/etc-store,target=/etc/store \
  --stop-grace-period=10s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-minio-like \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/minio-like:20260102-030405-4b825dc
