/**
 * The servlet edge, below the routes: filters (TrafficGate, TraversalGuard, BodyReadDeadline),
 * Tomcat customisers and the error valve, the shutdown drain (RequestDrain, with api.ShutdownGate), and the
 * answers of what never reaches a route (ServletErrors, ServletLimits), all in the contract's error
 * shape.
 */
package ru.newsmed.imagegen.web;
