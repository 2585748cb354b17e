# mysql-like has a VOLUME (/var/lib/mysql, /var/log/mysql): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/mysql-like/volumes
mkdir -p /var/lib/nap/apps/mysql-like/volumes/var-lib-mysql /var/lib/nap/apps/mysql-like/volumes/var-log-mysql
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-mysql-like-1 \
  --replicas=2 \
  --label=nap.app=mysql-like \
  --label=nap.release=1 \
  --container-label=nap.app=mysql-like \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=3306 \
  --env-file=/var/lib/nap/apps/mysql-like/env \
  --env=PORT=3306 \
  --mount=type=bind,source=/var/lib/nap/apps/mysql-like/volumes/var-lib-mysql,target=/var/lib/mysql \
  --mount=type=bind,source=/var/lib/nap/apps/mysql-like/volumes/var-log-mysql,target=/var/log/mysql \
  --stop-grace-period=10s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-mysql-like \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/mysql-like:20260102-030405-4b825dc
