/**
 * The OpenAPI document of the REST API (/api/image-generation/api-doc, {@link ru.newsmed.imagegen.api.doc.ApiDocument})
 * and the shapes of the bodies it names: the routes build and check the real bodies themselves
 * (GenerateRequestParser, ApiResponses, ErrorResponses).
 */
package ru.newsmed.imagegen.api.doc;
