package nexusrpc.handler.http.testservice;

/** A message. */
public record Echo(String message) {}
