package ru.newsmed.imagegen;

import ru.newsmed.imagegen.support.OnPostgres;

/** POST /jobs and GET /jobs/{job_id} (every test of {@link JobsTest}) with the jobs kept on PostgreSQL. */
class JobsOnPostgresTest extends JobsTest implements OnPostgres {
}
