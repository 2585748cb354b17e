docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-node-healthcheck-1 \
  --replicas=2 \
  --label=nap.app=node-healthcheck \
  --label=nap.release=1 \
  --container-label=nap.app=node-healthcheck \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=8080 \
  --env-file=/var/lib/nap/apps/node-healthcheck/env \
  --env=PORT=8080 \
  --user=node \
  --stop-grace-period=10s \
  '--health-cmd=node -e "fetch('\''http://127.0.0.1:'\''+process.env.PORT+'\''/healthz'\'').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"' \
  --health-interval=15s \
  --health-timeout=2s \
  --health-retries=3 \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-node-healthcheck \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/node-healthcheck:20260102-030405-4b825dc
