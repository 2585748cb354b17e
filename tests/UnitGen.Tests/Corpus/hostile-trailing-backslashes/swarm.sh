docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-hostile-trailing-backslashes-1 \
  --replicas=2 \
  --label=nap.app=hostile-trailing-backslashes \
  --label=nap.release=1 \
  --container-label=nap.app=hostile-trailing-backslashes \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=80 \
  --env-file=/var/lib/nap/apps/hostile-trailing-backslashes/env \
  --env=PORT=80 \
  '--user=hello\' \
  --stop-grace-period=10s \
  '--health-cmd=echo a\\' \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-hostile-trailing-backslashes \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/hostile-trailing-backslashes:20260102-030405-4b825dc
