package io.conveyor.pipeline.spec.source;

/** The HTTP methods an HTTP source may use. */
public enum HttpMethod {
    GET,
    POST
}
