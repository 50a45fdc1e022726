/**
 * The contract's errors: its codes (ErrorCode), the typed exceptions a route tells apart (refused,
 * failed, unavailable, retryable, storage failed, invalid request), and the one error body they
 * are answered with (ErrorResponses).
 */
package ru.newsmed.imagegen.errors;
