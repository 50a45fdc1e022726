/**
 * The shapes of the REST API's bodies, for the OpenAPI document only (/api/image-generation/api-doc):
 * the routes build and check the real bodies themselves (GenerateRequestParser, ApiResponses).
 */
package ru.newsmed.imagegen.api.doc;
