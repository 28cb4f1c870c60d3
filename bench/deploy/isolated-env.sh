# shellcheck shell=bash
# Source this to run ./orrery's edge + services as an isolated copy of the platform beside a running `./orrery up`
# (and beside the e2e ports): own ports, state folder, databases and queues, same RabbitMQ/PostgreSQL/Keycloak.
#   . bench/deploy/isolated-env.sh && ./orrery up edge services && ./orrery deploy todo-frontend --no-build
# Databases todo_deploy/profile_deploy must exist (bench/deploy/run.sh creates them).
export ORRERY_STATE="${ORRERY_STATE:-${ORRERY_HOME:-$PWD}/bench/deploy/target/state}"
export ORRERY_GATEWAY_PORT=28080 ORRERY_TODO_PORT=28081 ORRERY_PROFILE_PORT=28082
export ORRERY_TODO_BLUE_PORT=28091 ORRERY_TODO_GREEN_PORT=28093 ORRERY_PROFILE_BLUE_PORT=28092 ORRERY_PROFILE_GREEN_PORT=28094
export ORRERY_EDGE_STATS_PORT=28406
export ORRERY_TODO_FRONTEND_OPTS="-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5439/todo_deploy \
 -Dmp.messaging.incoming.profile-events.queue.name=todo-deploy.profile-events.v2 \
 -Dmp.messaging.incoming.todo-changes.exchange.name=orrery.todo.changes.deploy \
 -Dmp.messaging.outgoing.todo-changes-out.exchange.name=orrery.todo.changes.deploy"
export ORRERY_PROFILE_FRONTEND_OPTS="-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5439/profile_deploy"
export ORRERY_BFF_GATEWAY_OPTS=""
