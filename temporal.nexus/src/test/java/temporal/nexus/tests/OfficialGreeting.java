package temporal.nexus.tests;

/** A contract written with the OFFICIAL io.nexusrpc annotations, so Temporal's typed stubs can call it. */
@io.nexusrpc.Service(name = "official-greeting")
public interface OfficialGreeting {
    @io.nexusrpc.Operation
    String shout(String input);

    @io.nexusrpc.Operation(name = "greet-by-workflow")
    Greeting.Welcome greet(Greeting.Person person);
}
