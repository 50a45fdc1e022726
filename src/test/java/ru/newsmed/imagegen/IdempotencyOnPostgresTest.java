package ru.newsmed.imagegen;

import ru.newsmed.imagegen.support.OnPostgres;

/** Idempotency-Key on POST /generate (every test of {@link IdempotencyTest}) with the work kept on PostgreSQL. */
class IdempotencyOnPostgresTest extends IdempotencyTest implements OnPostgres {
}
