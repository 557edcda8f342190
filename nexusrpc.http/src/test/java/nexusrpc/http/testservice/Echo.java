package nexusrpc.http.testservice;

/** A message. */
public record Echo(String message) {}
