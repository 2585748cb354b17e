# hostile-percent has a VOLUME (/data/%n, /var/%%): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/hostile-percent/volumes
mkdir -p /var/lib/nap/apps/hostile-percent/volumes/data-_25n /var/lib/nap/apps/hostile-percent/volumes/var-_25_25
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-hostile-percent-1 \
  --replicas=2 \
  --label=nap.app=hostile-percent \
  --label=nap.release=1 \
  --container-label=nap.app=hostile-percent \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=8080 \
  --env-file=/var/lib/nap/apps/hostile-percent/env \
  --env=PORT=8080 \
  --mount=type=bind,source=/var/lib/nap/apps/hostile-percent/volumes/data-_25n,target=/data/%n \
  --mount=type=bind,source=/var/lib/nap/apps/hostile-percent/volumes/var-_25_25,target=/var/%% \
  --user=%u \
  --stop-grace-period=10s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-hostile-percent \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/hostile-percent:20260102-030405-4b825dc
