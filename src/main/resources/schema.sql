-- Runs at every start (spring.sql.init.mode=always); written for both H2 and PostgreSQL.

-- db-scheduler's queue: one row per queued or running training job
create table if not exists scheduled_tasks (
    task_name varchar(100) not null,
    task_instance varchar(100) not null,
    task_data bytea,
    execution_time timestamp with time zone not null,
    picked boolean not null,
    picked_by varchar(50),
    last_success timestamp with time zone,
    last_failure timestamp with time zone,
    consecutive_failures int,
    last_heartbeat timestamp with time zone,
    version bigint not null,
    priority smallint,
    primary key (task_name, task_instance)
);
create index if not exists execution_time_idx on scheduled_tasks (execution_time);
create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index if not exists priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- what users see of a job; kept after it ends
create table if not exists training_jobs (
    id varchar(36) primary key,
    model varchar(64) not null,
    state varchar(16) not null,
    request varchar(100000) not null,
    created_at timestamp with time zone not null,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    revision bigint not null,
    attempts int not null,
    ran_by varchar(100),
    cancel_requested boolean not null,
    progress varchar(1000000),
    result varchar(1000000),
    model_version varchar(16),
    failure varchar(4000)
);
create index if not exists training_jobs_created_idx on training_jobs (created_at);
create index if not exists training_jobs_state_idx on training_jobs (state);

-- one row that every submission locks (update … where id = 1) before it counts the queue, so the
-- max-queued check and the insert are one atomic step across threads and instances
create table if not exists training_queue_lock (id int primary key);
insert into training_queue_lock (id) select 1 where not exists (select 1 from training_queue_lock where id = 1);
