# hostile-newlines has a VOLUME (/data?ExecStartPre=/bin/evil): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/hostile-newlines/volumes
mkdir -p /var/lib/nap/apps/hostile-newlines/volumes/data_0aExecStartPre_3d-bin-evil
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-hostile-newlines-1 \
  --replicas=2 \
  --label=nap.app=hostile-newlines \
  --label=nap.release=1 \
  --container-label=nap.app=hostile-newlines \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=5000 \
  --env-file=/var/lib/nap/apps/hostile-newlines/env \
  --env=PORT=5000 \
  '--mount=type=bind,source=/var/lib/nap/apps/hostile-newlines/volumes/data_0aExecStartPre_3d-bin-evil,"target=/data
ExecStartPre=/bin/evil"' \
  --stop-grace-period=10s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-hostile-newlines \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/hostile-newlines:20260102-030405-4b825dc
