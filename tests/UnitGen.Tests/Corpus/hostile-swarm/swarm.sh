# hostile-swarm has a VOLUME (/data,source=/etc,readonly=false, /say hi): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/hostile-swarm/volumes
mkdir -p /var/lib/nap/apps/hostile-swarm/volumes/data_2csource_3d-etc_2creadonly_3dfalse /var/lib/nap/apps/hostile-swarm/volumes/say_20hi
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-hostile-swarm-1 \
  --replicas=2 \
  --label=nap.app=hostile-swarm \
  --label=nap.release=1 \
  --container-label=nap.app=hostile-swarm \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=8080 \
  --env-file=/var/lib/nap/apps/hostile-swarm/env \
  --env=PORT=8080 \
  '--mount=type=bind,source=/var/lib/nap/apps/hostile-swarm/volumes/data_2csource_3d-etc_2creadonly_3dfalse,"target=/data,source=/etc,readonly=false"' \
  '--mount=type=bind,source=/var/lib/nap/apps/hostile-swarm/volumes/say_20hi,target=/say hi' \
  --user=--privileged \
  --stop-grace-period=10s \
  '--health-cmd=echo '\''$(id)'\'' "`id`" ; docker rm -f nap-x; echo --no-healthcheck' \
  --health-interval=3s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-hostile-swarm \
  --constraint=node.labels.tier==web \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/hostile-swarm:20260102-030405-4b825dc
