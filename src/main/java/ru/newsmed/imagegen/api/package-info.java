/**
 * The generation as the routes see it: the request (GenerateRequest, read and checked by
 * GenerateRequestParser), the checks every API request passes (RequestGuard), what a generation
 * ends with (GenerationResult) and the answers (ApiResponses), and the hand-over of each request's work to the generation threads and back
 * within IMAGE_REQUEST_TIMEOUT (GenerationHandover, RequestDeadline, GenerationThreads).
 */
package ru.newsmed.imagegen.api;
