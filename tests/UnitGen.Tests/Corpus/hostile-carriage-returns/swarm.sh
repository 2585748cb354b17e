# hostile-carriage-returns has a VOLUME (/v/carriage?return): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/hostile-carriage-returns/volumes
mkdir -p /var/lib/nap/apps/hostile-carriage-returns/volumes/v-carriage_0dreturn
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-hostile-carriage-returns-1 \
  --replicas=2 \
  --label=nap.app=hostile-carriage-returns \
  --label=nap.release=1 \
  --container-label=nap.app=hostile-carriage-returns \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=8080 \
  --env-file=/var/lib/nap/apps/hostile-carriage-returns/env \
  --env=PORT=8080 \
  '--mount=type=bind,source=/var/lib/nap/apps/hostile-carriage-returns/volumes/v-carriage_0dreturn,"target=/v/carriagereturn"' \
  --stop-grace-period=10s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-hostile-carriage-returns \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/hostile-carriage-returns:20260102-030405-4b825dc
