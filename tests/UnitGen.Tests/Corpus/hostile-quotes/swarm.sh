# hostile-quotes has a VOLUME (/data with space, /x"y): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/hostile-quotes/volumes
mkdir -p /var/lib/nap/apps/hostile-quotes/volumes/data_20with_20space /var/lib/nap/apps/hostile-quotes/volumes/x_22y
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-hostile-quotes-1 \
  --replicas=2 \
  --label=nap.app=hostile-quotes \
  --label=nap.release=1 \
  --container-label=nap.app=hostile-quotes \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=5000 \
  --env-file=/var/lib/nap/apps/hostile-quotes/env \
  --env=PORT=5000 \
  '--mount=type=bind,source=/var/lib/nap/apps/hostile-quotes/volumes/data_20with_20space,target=/data with space' \
  '--mount=type=bind,source=/var/lib/nap/apps/hostile-quotes/volumes/x_22y,"target=/x""y"' \
  --user=app \
  --stop-grace-period=10s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-hostile-quotes \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/hostile-quotes:20260102-030405-4b825dc
