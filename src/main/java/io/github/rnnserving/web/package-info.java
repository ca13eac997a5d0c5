/**
 * Cross-cutting HTTP only: problem responses (RFC 9457) and their types, filters (correlation id,
 * admin token, request size), strict JSON and the OpenAPI document. Knows no feature: the edges'
 * shared exceptions live here, the features' own ones carry their problem themselves.
 */
package io.github.rnnserving.web;
